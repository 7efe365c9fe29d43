package luqiao.map.inspection;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import luqiao.map.excel.Xlsx;
import luqiao.map.excel.XlsxColumn;
import luqiao.map.excel.XlsxTable;
import org.springframework.http.ResponseEntity;

/**
 * The problem list (问题清单) and the 督战 figures as workbooks, under the Chinese titles the district's staff read:
 * the same rows and numbers as the JSON answers, due dates as dates. A problem list of a district is a few
 * thousand rows at most, so each book is built in memory ({@link Xlsx#download}).
 */
final class ProblemSheets {

    private static final XlsxTable<InspectionAnswers.Problem> PROBLEMS = new XlsxTable<>(
            "问题清单",
            List.of(
                    XlsxColumn.of("编号", InspectionAnswers.Problem::id),
                    XlsxColumn.of("项目编号", InspectionAnswers.Problem::projectId),
                    XlsxColumn.of("项目名称", InspectionAnswers.Problem::projectName),
                    XlsxColumn.of("类别", InspectionAnswers.Problem::category),
                    XlsxColumn.of("问题描述", InspectionAnswers.Problem::description),
                    XlsxColumn.of("责任部门", InspectionAnswers.Problem::department),
                    XlsxColumn.of("提出人", InspectionAnswers.Problem::raisedBy),
                    XlsxColumn.of("提出时间", InspectionAnswers.Problem::raisedAt),
                    XlsxColumn.of("办结期限", p -> LocalDate.parse(p.dueDate())),
                    XlsxColumn.of("状态", InspectionAnswers.Problem::status),
                    XlsxColumn.of("是否逾期", InspectionAnswers.Problem::overdue),
                    XlsxColumn.number("逾期天数", Xlsx.COUNT, InspectionAnswers.Problem::daysOverdue)));

    private static final Map<String, String> SHEETS = Map.of(
            "problems_by_department", "各部门问题",
            "problems_by_zone", "各区块问题",
            "problems_by_category", "各类别问题",
            "duzhan", "督战清单");

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("department", "责任部门"),
            Map.entry("zone", "区块编号"),
            Map.entry("zone_name_zh", "区块名称"),
            Map.entry("name_zh", "名称"),
            Map.entry("category", "类别"),
            Map.entry("project", "项目编号"),
            Map.entry("open", "未销号"),
            Map.entry("overdue", "逾期"),
            Map.entry("oldest_due", "最早办结期限"),
            Map.entry("max_days_overdue", "最长逾期天数"));

    private ProblemSheets() {}

    static ResponseEntity<byte[]> problems(String fileName, List<InspectionAnswers.Problem> problems)
            throws IOException {
        return Xlsx.download(fileName, book -> PROBLEMS.write(book, problems::forEach));
    }

    static ResponseEntity<byte[]> figures(String fileName, List<ProblemFigures.Table> tables) throws IOException {
        return Xlsx.download(fileName, book -> tables.forEach(t -> sheet(t).write(book, t.rows()::forEach)));
    }

    private static XlsxTable<List<Object>> sheet(ProblemFigures.Table table) {
        List<XlsxColumn<List<Object>>> columns = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            String name = table.columns().get(i);
            int index = i;
            // The name of the dashboard's project column (name_zh) is the project's in the 督战 list.
            String title = table.id().equals("duzhan") && name.equals("name_zh") ? "项目名称" : TITLES.get(name);
            boolean count = name.equals("open") || name.equals("overdue") || name.equals("max_days_overdue");
            columns.add(XlsxColumn.number(
                    title == null ? name : title,
                    count ? Xlsx.COUNT : null,
                    row -> name.equals("oldest_due") && row.get(index) != null
                            ? LocalDate.parse(row.get(index).toString())
                            : row.get(index)));
        }
        return new XlsxTable<>(SHEETS.getOrDefault(table.id(), table.id()), columns);
    }
}
