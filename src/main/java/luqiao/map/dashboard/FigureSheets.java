package luqiao.map.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import luqiao.map.excel.Xlsx;
import luqiao.map.excel.XlsxColumn;
import luqiao.map.excel.XlsxTable;

/**
 * The dashboard's figures as worksheets: one sheet per figure, named as its panel (dashboard.html), its
 * columns under Chinese titles, its rows and numbers exactly those of the JSON answer and the CSV.
 */
final class FigureSheets {

    private static final Map<String, String> SHEETS = Map.ofEntries(
            Map.entry("projects_by_stage", "各阶段项目"),
            Map.entry("projects_by_category", "各类别项目"),
            Map.entry("projects_by_zone", "各区块项目"),
            Map.entry("projects_by_town", "各街镇项目"),
            Map.entry("project_targets", "项目目标"),
            Map.entry("land_by_status", "做地储备出让与目标（亩）"),
            Map.entry("land_status_by_town", "各街镇地块面积（按状态）"),
            Map.entry("land_status_by_zone", "各区块地块面积（按状态）"),
            Map.entry("land_by_renovation", "低效用地整治（亩）"),
            Map.entry("land_renovation_by_town", "各街镇低效用地整治"),
            Map.entry("land_renovation_by_zone", "各区块低效用地整治"));

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("stage", "阶段"),
            Map.entry("category", "类别"),
            Map.entry("zone", "区块编号"),
            Map.entry("name_zh", "区块名称"),
            Map.entry("name_en", "英文名称"),
            Map.entry("town", "街镇"),
            Map.entry("count", "数量"),
            Map.entry("investment_wan", "投资（万元）"),
            Map.entry("measure", "指标"),
            Map.entry("threshold_wan", "门槛（万元）"),
            Map.entry("target", "目标"),
            Map.entry("status", "状态"),
            Map.entry("renovation", "整治方式"),
            Map.entry("area_m2", "面积（平方米）"),
            Map.entry("area_mu", "面积（亩）"),
            Map.entry("target_mu", "目标（亩）"));

    private FigureSheets() {}

    static XlsxTable<List<Object>> of(Figure figure) {
        List<XlsxColumn<List<Object>>> columns = new ArrayList<>();
        for (int i = 0; i < figure.columns().size(); i++) {
            String name = figure.columns().get(i);
            int index = i;
            columns.add(XlsxColumn.number(TITLES.getOrDefault(name, name), format(name), row -> row.get(index)));
        }
        return new XlsxTable<>(SHEETS.getOrDefault(figure.id(), figure.id()), columns);
    }

    private static String format(String column) {
        if (column.endsWith("_wan")) {
            return Xlsx.WAN;
        }
        if (column.endsWith("_mu")) {
            return Xlsx.MU;
        }
        if (column.endsWith("_m2")) {
            return Xlsx.METRES;
        }
        return column.equals("count") ? Xlsx.COUNT : null;
    }
}
