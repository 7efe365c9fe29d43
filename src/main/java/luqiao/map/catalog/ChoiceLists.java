package luqiao.map.catalog;

import java.util.List;
import java.util.Map;

/**
 * The values a coded field may hold (DOMAIN.md), equal to the CHECK constraints of migration V2 on
 * both backends. Editing and import both validate against this one list, so a row the database would
 * refuse is refused first with a message that names the field.
 */
public final class ChoiceLists {

    private static final Map<Layer, Map<String, List<String>>> LISTS = Map.of(
            Layer.ZONES,
                    Map.of(
                            "kind",
                            List.of("district", "key_zone", "industrial_park", "logistics", "rural_showcase", "port")),
            Layer.PROJECTS,
                    Map.of(
                            "category", List.of("产业转型", "城市提能", "民生优享", "绿色生态"),
                            "stage", List.of("谋划", "前期", "招引", "开工", "竣工")),
            Layer.PARCELS,
                    Map.of(
                            "status", List.of("做地", "储备", "出让", "已供"),
                            "renovation", List.of("改造提升", "盘活置换", "倒逼腾退")));

    private ChoiceLists() {}

    /** The layer's coded fields, each with its allowed values. */
    public static Map<String, List<String>> of(Layer layer) {
        return LISTS.get(layer);
    }
}
