package luqiao.map.analysis;

import java.util.List;
import luqiao.map.geojson.Feature;

/**
 * The parcels in an area and what of them lies inside it.
 *
 * @param areaM2    ground area of the analysed area itself (after clipping to a zone)
 * @param total     all counted parcels: count and intersected area
 * @param byLanduse by land-use class (level 1), each with its level-2 classes as children
 * @param byStatus  by consolidation status (做地, 储备, 出让, 已供)
 * @param byTown    by town (街道/镇)
 * @param parcels   each counted parcel with its full and intersected ground area, ordered by id
 */
record ParcelReport(
        double areaM2,
        Tally total,
        List<Tally> byLanduse,
        List<Tally> byStatus,
        List<Tally> byTown,
        List<Share> parcels) {

    /** One parcel, its whole ground area and the part inside the analysed area. */
    record Share(Feature parcel, double areaM2, double intersectedM2) {}
}
