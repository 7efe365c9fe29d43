package luqiao.map.compliance;

import java.util.Map;
import java.util.Set;

/**
 * The one table of which land-use classes conflict with which project category, by the level-1
 * codes (landuse_l1_code) of 国土空间调查、规划、用途管制用地用海分类指南 (2023), the classification of
 * the shipped parcels (gis-data/landuse_ydyh_2023_codes.csv):
 * 01 耕地, 02 园地, 03 林地, 04 草地, 05 湿地, 07 居住用地, 10 工矿用地, 11 仓储用地,
 * 14 绿地与开敞空间用地, 17 陆地水域.
 *
 * <ul>
 *   <li>产业转型 (industry): agricultural and ecological land (01–05), housing (07), green and open
 *       space (14) and water (17) are not for factories.</li>
 *   <li>城市提能 (urban capacity: roads, utilities, urban renewal): agricultural and ecological land (01–05).</li>
 *   <li>民生优享 (livelihood: schools, care, housing): agricultural and ecological land (01–05), and
 *       industrial and warehouse land (10, 11), unsafe for homes and schools.</li>
 *   <li>绿色生态 (green/ecology): housing (07) and industrial and warehouse land (10, 11).</li>
 * </ul>
 * Independently of the category, every overlap with a parcel flagged {@code farmland_protected}
 * (永久基本农田) is a conflict.
 */
public final class ComplianceRules {

    private static final Set<String> AGRICULTURAL_AND_ECOLOGICAL = Set.of("01", "02", "03", "04", "05");

    static final Map<String, Set<String>> CONFLICTING_CLASSES = Map.of(
            "产业转型", union(AGRICULTURAL_AND_ECOLOGICAL, Set.of("07", "14", "17")),
            "城市提能", AGRICULTURAL_AND_ECOLOGICAL,
            "民生优享", union(AGRICULTURAL_AND_ECOLOGICAL, Set.of("10", "11")),
            "绿色生态", Set.of("07", "10", "11"));

    private ComplianceRules() {}

    /** The level-1 land-use codes that conflict with a project category; none for an unknown one. */
    public static Set<String> conflictingClasses(String category) {
        return category == null ? Set.of() : CONFLICTING_CLASSES.getOrDefault(category, Set.of());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
