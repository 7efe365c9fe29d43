package luqiao.map.transfer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.Layer;
import luqiao.map.excel.Xlsx;
import luqiao.map.excel.XlsxColumn;
import luqiao.map.excel.XlsxTable;
import luqiao.map.geojson.Feature;
import luqiao.map.geometry.AreaUnits;

/**
 * A layer as a worksheet: the id and the fields the audience sees, under the Chinese titles the web map
 * uses (i18n.js), in the catalog's order, plus the area in 亩 (as the API adds {@code area_mu}); no
 * geometry, which a spreadsheet cannot show (the other formats carry it). The project update import
 * reads the same titles back.
 */
final class LayerSheet {

    /** Column titles by field name (the id columns included), one list for export and import. */
    static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("code", "编号"),
            Map.entry("parcel_no", "地块编号"),
            Map.entry("name_zh", "名称"),
            Map.entry("name_en", "英文名称"),
            Map.entry("kind", "类型"),
            Map.entry("description", "说明"),
            Map.entry("public", "公开"),
            Map.entry("category", "类别"),
            Map.entry("stage", "阶段"),
            Map.entry("investment_wan", "投资（万元）"),
            Map.entry("responsible_unit", "责任单位"),
            Map.entry("planned_start", "计划开工"),
            Map.entry("planned_finish", "计划竣工"),
            Map.entry("actual_start", "实际开工"),
            Map.entry("actual_finish", "实际竣工"),
            Map.entry("zone", "所在区块"),
            Map.entry("length_m", "长度（米）"),
            Map.entry("area_m2", "面积（平方米）"),
            Map.entry("area_mu", "面积（亩）"),
            Map.entry("landuse_code", "用地代码"),
            Map.entry("landuse_name", "用地类型"),
            Map.entry("landuse_l1_code", "用地大类代码"),
            Map.entry("landuse_l1_name", "用地大类"),
            Map.entry("status", "整治状态"),
            Map.entry("renovation", "低效用地整治"),
            Map.entry("farmland_protected", "耕地保护"),
            Map.entry("town", "街镇"),
            Map.entry("owner", "权属人"));

    private static final Map<Layer, String> SHEETS =
            Map.of(Layer.ZONES, "区块", Layer.PROJECTS, "项目", Layer.PARCELS, "地块");

    /** Project codes head the project sheet as 项目编号, the name as 项目名称: what planners' own lists call them. */
    private static final Map<String, String> PROJECT_TITLES = Map.of("code", "项目编号", "name_zh", "项目名称");

    private LayerSheet() {}

    static String title(Layer layer, String name) {
        if (layer == Layer.PROJECTS && PROJECT_TITLES.containsKey(name)) {
            return PROJECT_TITLES.get(name);
        }
        return TITLES.getOrDefault(name, name);
    }

    static String sheetName(Layer layer) {
        return SHEETS.get(layer);
    }

    /** The worksheet of the layer for the audience (internal fields only for those who see them). */
    static XlsxTable<Feature> of(Layer layer, Audience audience) {
        List<XlsxColumn<Feature>> columns = new ArrayList<>();
        columns.add(XlsxColumn.of(title(layer, layer.idColumn()), Feature::id));
        for (Field field : layer.fields(audience)) {
            String name = field.name();
            columns.add(XlsxColumn.number(title(layer, name), format(name).orElse(null), f -> f.properties()
                    .get(name)));
        }
        columns.add(XlsxColumn.number(title(layer, "area_mu"), Xlsx.MU, LayerSheet::areaMu));
        return new XlsxTable<>(sheetName(layer), columns);
    }

    /** The number format of a field; empty for text, dates (their own format) and plain numbers. */
    static Optional<String> format(String name) {
        if (name.endsWith("_wan")) {
            return Optional.of(Xlsx.WAN);
        }
        if (name.endsWith("_mu")) {
            return Optional.of(Xlsx.MU);
        }
        if (name.endsWith("_m2") || name.endsWith("_m")) {
            return Optional.of(Xlsx.METRES);
        }
        return Optional.empty();
    }

    /** The area in 亩 as the API gives it ({@code area_mu}, four decimals). */
    static BigDecimal areaMu(Feature f) {
        return f.properties().get("area_m2") instanceof BigDecimal m2
                ? BigDecimal.valueOf(AreaUnits.mu(m2.doubleValue())).setScale(4, RoundingMode.HALF_UP)
                : null;
    }
}
