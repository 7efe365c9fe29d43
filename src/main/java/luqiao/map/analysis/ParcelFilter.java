package luqiao.map.analysis;

import java.util.List;
import java.util.Set;
import luqiao.map.geojson.Feature;

/**
 * Which parcels an analysis counts: land-use codes (level 1 like {@code 07} match the class,
 * level 2 like {@code 0701} the subclass) and consolidation statuses; an empty set means all.
 */
record ParcelFilter(Set<String> landuse, Set<String> status) {

    /** The consolidation statuses, in the order land moves through them. */
    static final List<String> STATUSES = List.of("做地", "储备", "出让", "已供");

    static final ParcelFilter ALL = new ParcelFilter(Set.of(), Set.of());

    boolean test(Feature parcel) {
        if (!status.isEmpty() && !status.contains(text(parcel, "status"))) {
            return false;
        }
        return landuse.isEmpty()
                || landuse.contains(text(parcel, "landuse_code"))
                || landuse.contains(text(parcel, "landuse_l1_code"));
    }

    static String text(Feature feature, String property) {
        Object value = feature.properties().get(property);
        return value == null ? null : value.toString();
    }
}
