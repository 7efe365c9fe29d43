package luqiao.map.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.cql2.Queryable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The legacy alias for GDAL 3.6 (Debian 12's GDAL), which knows OGC API – Features Part 3 only by its
 * pre-release drafts. It sends a filter to the server only when the API document's {@code filter-lang}
 * offers {@code cql-text} and the property is named by a collection link {@code rel=queryables} to a
 * list {@code {"queryables": [{"id": …}]}} (it reads neither the conformance classes, nor the JSON
 * Schema the standard's queryables are, nor the standard's link relation); otherwise it downloads
 * every feature and filters on the client. So: {@code filter-lang=cql-text} is read as CQL2-text with
 * what GDAL 3.6 writes under it ({@link luqiao.map.cql2.Cql2#parsePreReleaseText}), and this list is
 * served beside the standard queryables. Booleans are left out: GDAL 3.6 compares them with 0 and 1,
 * which CQL2 refuses, so it keeps filtering those on the client as before.
 */
@RestController
class LegacyQueryables {

    /** The pre-release link relation GDAL 3.6 looks for (the standard's is {@code …/def/rel/ogc/1.0/queryables}). */
    static final String REL = "queryables";
    /** Under {@code /ogc/collections/{id}}. */
    static final String PATH = "/legacy-queryables";
    /** The pre-release {@code filter-lang} value GDAL 3.6 sends. */
    static final String CQL_TEXT = "cql-text";

    @GetMapping(value = "/ogc/collections/{collectionId}" + PATH, produces = OgcLinks.JSON)
    Map<String, Object> queryables(@PathVariable String collectionId, Audience audience) {
        Layer layer = OgcCollection.named(collectionId).layer();
        List<Map<String, String>> list = new ArrayList<>();
        for (Queryable q : layer.queryables(audience).visible()) {
            String type =
                    switch (q.type()) {
                        case STRING -> "string";
                        case NUMBER -> "number";
                        case DATE -> "date";
                        case TIMESTAMP -> "dateTime";
                        case BOOLEAN, GEOMETRY -> null;
                    };
            if (type != null) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("id", q.name());
                entry.put("type", type);
                list.add(entry);
            }
        }
        return Map.of("queryables", list);
    }
}
