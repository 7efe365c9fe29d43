package luqiao.map.transfer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.web.InvalidParameterException;

/**
 * Which source field fills which field of the layer ({@code null}: the source field is not imported).
 * Proposed from the names (case-insensitive, shapefile short names expanded, {@code id} for the layer's
 * id); the user may edit it before the commit.
 */
record FieldMapping(Map<String, String> targets) {

    FieldMapping {
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    /** The fields of the layer a source field may be mapped to: its id, then the stored fields. */
    static List<String> targetNames(Layer layer) {
        List<String> names = new ArrayList<>();
        names.add(layer.idColumn());
        layer.storedFields().stream().map(Field::name).forEach(names::add);
        return names;
    }

    static FieldMapping propose(Layer layer, List<String> sourceFields) {
        List<String> targets = targetNames(layer);
        Set<String> used = new HashSet<>();
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String source : sourceFields) {
            String lower = source.toLowerCase(Locale.ROOT);
            String expanded = ShapefileNames.expand(source).orElse(lower);
            String target = targets.stream()
                    .filter(t -> t.equals(lower) || t.equals(expanded))
                    .findFirst()
                    .orElse(lower.equals("id") ? layer.idColumn() : null);
            mapping.put(source, target != null && used.add(target) ? target : null);
        }
        return new FieldMapping(mapping);
    }

    /** A mapping sent by a client, checked against the file's fields and the layer's; a 400 naming {@code mapping} otherwise. */
    static FieldMapping edited(Layer layer, List<String> sourceFields, Map<String, String> edited) {
        List<String> targets = targetNames(layer);
        Set<String> used = new HashSet<>();
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String source : sourceFields) {
            mapping.put(source, null);
        }
        for (Map.Entry<String, String> e : edited.entrySet()) {
            if (!mapping.containsKey(e.getKey())) {
                throw new InvalidParameterException(
                        "mapping",
                        "mapping: the file has no field '" + e.getKey() + "'; it has "
                                + String.join(", ", sourceFields));
            }
            String target = e.getValue() == null || e.getValue().isBlank()
                    ? null
                    : e.getValue().strip();
            if (target != null && !targets.contains(target)) {
                throw new InvalidParameterException(
                        "mapping",
                        "mapping: '" + target + "' is not a field of " + layer.id() + "; the fields are "
                                + String.join(", ", targets));
            }
            if (target != null && !used.add(target)) {
                throw new InvalidParameterException(
                        "mapping", "mapping: more than one source field is mapped to '" + target + "'");
            }
            mapping.put(e.getKey(), target);
        }
        return new FieldMapping(mapping);
    }

    /** The source field mapped to {@code target}, or null. */
    String sourceOf(String target) {
        return targets.entrySet().stream()
                .filter(e -> target.equals(e.getValue()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }
}
