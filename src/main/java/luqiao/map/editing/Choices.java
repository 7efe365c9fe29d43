package luqiao.map.editing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import luqiao.map.catalog.ChoiceLists;
import luqiao.map.catalog.Layer;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The domain's choice lists ({@link ChoiceLists}): what an edited field may hold. Land-use codes
 * come from the shipped code list (《用地用海分类指南》2023), whose level-2 and level-3 classes
 * parcels carry; a code fixes its name and its level-1 class.
 */
@Component
class Choices {

    static final String LANDUSE_CODES = "classpath:gis-data/landuse_ydyh_2023_codes.csv";

    /** A land-use class a parcel may carry, with the level-1 class it belongs to. */
    record Landuse(String code, String name, String l1Code, String l1Name) {}

    private final Map<String, Landuse> landuse = new LinkedHashMap<>();

    Choices(ResourceLoader resources) {
        Map<String, String> level1 = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(resources.getResource(LANDUSE_CODES).getInputStream(), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                // level,code,name,parent_code,level1_code; names hold no commas.
                String[] c = line.split(",", -1);
                if (c[0].equals("1")) {
                    level1.put(c[1], c[2]);
                } else {
                    landuse.put(c[1], new Landuse(c[1], c[2], c[4], level1.get(c[4])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the land-use code list " + LANDUSE_CODES, e);
        }
    }

    /** The values the field of the layer may take, or empty when it is free text. */
    Optional<List<String>> of(Layer layer, String field) {
        return Optional.ofNullable(ChoiceLists.of(layer).get(field));
    }

    Optional<Landuse> landuse(String code) {
        return Optional.ofNullable(landuse.get(code));
    }

    /** Every list, for the editing form: by layer, then field; land-use classes with their names. */
    Map<String, Object> all() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Layer layer : Layer.values()) {
            Map<String, Object> fields = new LinkedHashMap<>(new java.util.TreeMap<>(ChoiceLists.of(layer)));
            if (layer == Layer.PARCELS) {
                fields.put("landuse_code", List.copyOf(landuse.values()));
            }
            all.put(layer.id(), fields);
        }
        return all;
    }
}
