package luqiao.map.transfer;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * dBase field names have at most 10 characters, so the longer field names of the catalog get a fixed
 * short name in exported shapefiles (documented in the README), and the importer maps them back.
 * Names of 10 characters or fewer are kept as they are.
 */
final class ShapefileNames {

    static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry("landuse_code", "lu_code"),
            Map.entry("landuse_name", "lu_name"),
            Map.entry("landuse_l1_code", "lu_l1_code"),
            Map.entry("landuse_l1_name", "lu_l1_name"),
            Map.entry("farmland_protected", "farmland"),
            Map.entry("investment_wan", "invest_wan"),
            Map.entry("responsible_unit", "resp_unit"),
            Map.entry("planned_start", "plan_start"),
            Map.entry("planned_finish", "plan_fin"),
            Map.entry("actual_start", "act_start"),
            Map.entry("actual_finish", "act_fin"),
            Map.entry("description", "descr"));

    private ShapefileNames() {}

    /** The dBase name of a catalog field. */
    static String shorten(String name) {
        String s = SHORT.getOrDefault(name, name);
        if (s.length() > 10) {
            throw new IllegalStateException("no short shapefile name for " + name);
        }
        return s;
    }

    /** The catalog field a dBase name stands for (case-insensitive), if it is one of the short names. */
    static Optional<String> expand(String shortName) {
        String lower = shortName.toLowerCase(Locale.ROOT);
        return SHORT.entrySet().stream()
                .filter(e -> e.getValue().equals(lower))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
