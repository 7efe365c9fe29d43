package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import luqiao.map.catalog.Layer;
import luqiao.map.support.Caller;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue #16, Excel in and out, over real HTTP on each backend: the project list and the dashboard as .xlsx,
 * reopened with POI and compared with the API's CSV and JSON for the same query and date (rows, numbers,
 * frozen header, formats, the public's view); project updates from an .xlsx, dry run naming each rejected cell,
 * a refused commit that changes nothing, and a good one that versions every changed project.
 */
abstract class XlsxContract extends BackendContract {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String POINT = "{\"type\":\"Point\",\"coordinates\":[121.3561,28.5981]}";

    Caller anonymous;
    Caller planner;
    final List<String> made = new ArrayList<>();

    @BeforeEach
    void callers() {
        anonymous = Caller.anonymous(port);
        planner = DashboardContract.newUser(port, "PLANNER");
    }

    @AfterEach
    void removeProjects() {
        made.forEach(id -> {
            jdbc.update("DELETE FROM project_stage_events WHERE project_code = ?", id);
            removeFeature(Layer.PROJECTS, id);
        });
        made.clear();
    }

    // ---------------------------------------------------------------- export

    @Test
    void projectListXlsxHoldsTheRowsAndNumbersOfTheCsvForTheSameFilterAndDate() throws IOException {
        String query = "filter=" + enc("investment_wan > 1000") + "&asOf=2024-06-30";
        for (Caller caller : List.of(anonymous, planner)) {
            Caller.Answer xlsx = caller.get("/api/export/projects?format=xlsx&" + query);
            assertThat(xlsx.status()).as(xlsx.text()).isEqualTo(200);
            assertThat(xlsx.header("Content-Type")).startsWith(XLSX);
            assertThat(xlsx.header("Content-Disposition")).contains("projects.xlsx");
            List<List<String>> csv =
                    csv(caller.get("/api/export/projects?format=csv&" + query).text());
            try (Workbook book = open(xlsx.bytes())) {
                Sheet sheet = book.getSheetAt(0);
                assertThat(sheet.getSheetName()).isEqualTo("项目");
                assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
                assertThat(sheet.getPaneInformation().getHorizontalSplitPosition())
                        .as("the header row is frozen")
                        .isEqualTo((short) 1);
                List<String> titles = texts(sheet.getRow(0));
                assertThat(titles)
                        .startsWith("项目编号", "项目名称", "英文名称", "类别", "阶段", "投资（万元）", "责任单位", "计划开工")
                        .endsWith("面积（亩）");
                List<String> header = csv.get(0);
                assertThat(sheet.getLastRowNum()).as("a row per CSV row").isEqualTo(csv.size() - 1);
                assertThat(csv.size()).isGreaterThan(2);
                for (int r = 1; r < csv.size(); r++) {
                    Row row = sheet.getRow(r);
                    List<String> expected = csv.get(r);
                    for (int c = 0; c < header.size() - 1; c++) { // all but wkt
                        assertCell(row.getCell(c), expected.get(c), header.get(c));
                    }
                    int m2 = header.indexOf("area_m2");
                    Cell mu = row.getCell(titles.indexOf("面积（亩）"));
                    if (!expected.get(m2).isEmpty()) {
                        assertThat(mu.getNumericCellValue())
                                .isCloseTo(Double.parseDouble(expected.get(m2)) * 15 / 10000, within(0.0001));
                        assertThat(mu.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
                    }
                    Cell wan = row.getCell(header.indexOf("investment_wan"));
                    assertThat(wan.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
                    Cell start = row.getCell(header.indexOf("planned_start"));
                    if (start != null) {
                        assertThat(DateUtil.isCellDateFormatted(start))
                                .as("dates are dates")
                                .isTrue();
                    }
                }
                assertThat(sheet.getColumnWidth(1))
                        .as("the names are wider than the stages")
                        .isGreaterThan(sheet.getColumnWidth(4));
            }
        }
    }

    @Test
    void thePublicXlsxHoldsPublicProjectsAndFieldsOnly() throws IOException {
        List<String> internal = jdbc.queryForList(
                "SELECT code FROM projects WHERE stage NOT IN ('开工', '竣工') AND deleted_at IS NULL", String.class);
        assertThat(internal).isNotEmpty();
        try (Workbook book =
                open(anonymous.get("/api/export/projects?format=xlsx").bytes())) {
            Sheet sheet = book.getSheetAt(0);
            List<String> codes = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                codes.add(sheet.getRow(r).getCell(0).getStringCellValue());
                assertThat(sheet.getRow(r).getCell(4).getStringCellValue()).isIn("开工", "竣工");
            }
            assertThat(codes).isNotEmpty().doesNotContainAnyElementsOf(internal);
        }
        try (Workbook pub =
                        open(anonymous.get("/api/export/parcels?format=xlsx").bytes());
                Workbook staff = open(new Caller(port, DashboardContract.ADMIN)
                        .get("/api/export/parcels?format=xlsx")
                        .bytes())) {
            assertThat(pub.getSheetAt(0).getSheetName()).isEqualTo("地块");
            assertThat(texts(pub.getSheetAt(0).getRow(0))).doesNotContain("权属人");
            assertThat(texts(staff.getSheetAt(0).getRow(0))).contains("权属人");
        }
    }

    @Test
    void dashboardXlsxHoldsTheFiguresOfTheJson() throws IOException {
        for (Caller caller : List.of(anonymous, planner)) {
            for (String asOf : List.of("", "?asOf=2024-06-30")) {
                JsonNode figures = caller.get("/api/dashboard" + asOf).json().path("figures");
                Caller.Answer answer =
                        caller.get("/api/dashboard" + (asOf.isEmpty() ? "?" : asOf + "&") + "format=xlsx");
                assertThat(answer.status()).as(answer.text()).isEqualTo(200);
                try (Workbook book = open(answer.bytes())) {
                    List<String> ids = new ArrayList<>();
                    figures.propertyNames().forEach(ids::add);
                    assertThat(book.getNumberOfSheets()).isEqualTo(ids.size());
                    for (int s = 0; s < ids.size(); s++) {
                        JsonNode figure = figures.path(ids.get(s));
                        Sheet sheet = book.getSheetAt(s);
                        assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
                        List<String> columns = new ArrayList<>();
                        figure.path("columns").forEach(c -> columns.add(c.asString()));
                        assertThat(sheet.getLastRowNum())
                                .as(ids.get(s))
                                .isEqualTo(figure.path("rows").size());
                        for (int r = 0; r < figure.path("rows").size(); r++) {
                            JsonNode row = figure.path("rows").get(r);
                            for (int c = 0; c < columns.size(); c++) {
                                JsonNode value = row.path(columns.get(c));
                                Cell cell = sheet.getRow(r + 1).getCell(c);
                                String where = ids.get(s) + " row " + (r + 1) + " " + columns.get(c);
                                if (value.isNull()) {
                                    assertThat(cell).as(where).isNull();
                                } else if (value.isNumber()) {
                                    assertThat(cell.getNumericCellValue())
                                            .as(where)
                                            .isEqualTo(value.doubleValue());
                                    if (columns.get(c).endsWith("_mu")
                                            || columns.get(c).endsWith("_wan")) {
                                        assertThat(cell.getCellStyle().getDataFormatString())
                                                .isEqualTo("#,##0.00");
                                    }
                                } else {
                                    assertThat(cell.getStringCellValue())
                                            .as(where)
                                            .isEqualTo(value.asString());
                                }
                            }
                        }
                    }
                    assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("各阶段项目");
                }
            }
        }
        Caller.Answer one = planner.get("/api/dashboard/land_by_status?format=xlsx");
        assertThat(one.status()).isEqualTo(200);
        try (Workbook book = open(one.bytes())) {
            assertThat(book.getNumberOfSheets()).isEqualTo(1);
            assertThat(texts(book.getSheetAt(0).getRow(0))).contains("面积（亩）", "目标（亩）");
        }
    }

    // ---------------------------------------------------------------- import

    @Test
    void oneBadCellIsNamedByTheDryRunAndRefusesTheCommitWhole() throws IOException {
        List<String> ids = projects(4);
        byte[] sheet = workbook(
                List.of("项目编号", "项目名称", "投资（万元）", "计划开工"),
                List.of(ids.get(0), "改名一", 2000, LocalDate.of(2025, 4, 1)),
                List.of(ids.get(1), "改名二", "3,000.5", "2025/5/1"),
                List.of(ids.get(2), "测试项目", 1200.5, "2025-03-01"),
                List.of(ids.get(3), "改名四", 4000, "2025-13-45"));
        String before = checksum();
        JsonNode dry = upload(planner, sheet, "?dryRun=true", XLSX, 200);
        assertThat(dry.path("rejectedCount").asInt()).isEqualTo(1);
        JsonNode rejected = dry.path("rejected").get(0);
        assertThat(rejected.path("cell").asString()).isEqualTo("D5");
        assertThat(rejected.path("column").asString()).isEqualTo("计划开工");
        assertThat(rejected.path("value").asString()).isEqualTo("2025-13-45");
        assertThat(rejected.path("reason").asString()).contains("date unparsable");
        assertThat(dry.path("changed").size()).as("the good rows are shown").isEqualTo(2);
        assertThat(dry.path("unchanged").asInt()).isEqualTo(1);

        JsonNode refused = upload(planner, sheet, "", XLSX, 422);
        assertThat(refused.path("rejected").get(0).path("cell").asString()).isEqualTo("D5");
        assertThat(checksum()).as("nothing changed").isEqualTo(before);

        // Every kind of rejection, each with its cell.
        byte[] bad = workbook(
                List.of("项目编号", "类别", "投资（万元）", "阶段", "备注"),
                List.of("NO-SUCH-PROJECT", "绿色生态", 1, "开工"),
                List.of(ids.get(0), "科技", "很多", "竣工"));
        JsonNode report = upload(planner, bad, "?dryRun=true", XLSX, 200);
        Map<String, String> reasons = new java.util.TreeMap<>();
        report.path("rejected")
                .forEach(r ->
                        reasons.put(r.path("cell").asString(), r.path("reason").asString()));
        assertThat(reasons.get("E1")).startsWith("unknown column");
        assertThat(reasons.get("A2")).startsWith("unknown project code");
        assertThat(reasons.get("B3")).startsWith("unknown choice");
        assertThat(reasons.get("C3")).startsWith("not a number");
        assertThat(reasons.get("D3")).startsWith("read-only column");
        assertThat(upload(planner, bad, "", XLSX, 422).path("rejectedCount").asInt())
                .isEqualTo(5);
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void aGoodSheetChangesTheProjectsAndVersionsEach() throws IOException {
        List<String> ids = projects(3);
        byte[] sheet = workbook(
                List.of("项目编号", "投资（万元）", "计划开工", "阶段"),
                List.of(ids.get(0), 2500.25, LocalDate.of(2026, 1, 15), "开工"),
                List.of(ids.get(1), 1200.5, "2025-03-01", "开工"),
                List.of(ids.get(2), "", "2025年6月1日", ""));
        JsonNode dry = upload(planner, sheet, "?dryRun=true", XLSX, 200);
        assertThat(dry.path("rejectedCount").asInt()).as(dry.toString()).isZero();
        assertThat(dry.path("changed").size()).isEqualTo(2);
        assertThat(version(ids.get(0))).as("a dry run writes nothing").isEqualTo(1);

        JsonNode done = upload(planner, sheet, "", XLSX, 200);
        assertThat(done.path("committed").asBoolean()).isTrue();
        assertThat(done.path("changed").get(0).path("version").asLong()).isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "SELECT investment_wan FROM projects WHERE code = ?", BigDecimal.class, ids.get(0)))
                .isEqualByComparingTo("2500.25");
        assertThat(jdbc.queryForObject(
                                "SELECT planned_start FROM projects WHERE code = ?", java.sql.Date.class, ids.get(0))
                        .toLocalDate())
                .isEqualTo(LocalDate.of(2026, 1, 15));
        assertThat(jdbc.queryForObject(
                        "SELECT investment_wan FROM projects WHERE code = ?", BigDecimal.class, ids.get(2)))
                .as("an emptied cell clears the field")
                .isNull();
        assertThat(version(ids.get(1))).as("an unchanged row is not written").isEqualTo(1);
        JsonNode history =
                planner.get("/api/projects/" + ids.get(0) + "/history").json();
        JsonNode last = history.isArray() ? history.get(history.size() - 1) : lastVersion(history);
        assertThat(last.toString()).contains("update").contains(plannerName());
    }

    @Test
    void brokenAndForeignUploadsAreRefused() throws IOException {
        String before = checksum();
        assertThat(upload(planner, "code,name\nA,B\n".getBytes(StandardCharsets.UTF_8), "?dryRun=true", "text/csv", 415)
                        .path("detail")
                        .asString())
                .contains("text/csv");
        upload(planner, "code,name\nA,B\n".getBytes(StandardCharsets.UTF_8), "?dryRun=true", XLSX, 415);
        upload(planner, new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8}, "?dryRun=true", XLSX, 400);
        JsonNode bomb = upload(planner, bomb(), "?dryRun=true", XLSX, 400);
        assertThat(bomb.path("detail").asString()).contains("decompression bomb");
        // Anonymous writes fail on the missing CSRF token before authorization (SecurityContract).
        assertThat(anonymous
                        .send("POST", "/api/projects/batch/xlsx?dryRun=true", null)
                        .status())
                .isEqualTo(403);
        assertThat(DashboardContract.newUser(port, "LAND_STAFF")
                        .send("POST", "/api/projects/batch/xlsx?dryRun=true", null)
                        .status())
                .isEqualTo(403);
        assertThat(checksum()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- helpers

    private List<String> projects(int n) {
        String prefix = "XL" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String id = prefix + "-" + i;
            Caller.Answer created = planner.send("POST", "/api/projects", EditingContract.project(id, "开工", POINT));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            made.add(id);
            ids.add(id);
        }
        return ids;
    }

    private long version(String code) {
        return jdbc.queryForObject("SELECT version FROM projects WHERE code = ?", Long.class, code);
    }

    private String plannerName() {
        return planner.get("/api/me").json().path("username").asString();
    }

    private static JsonNode lastVersion(JsonNode history) {
        JsonNode versions = history.path("versions");
        return versions.get(versions.size() - 1);
    }

    /** Every project's attributes and version, and the number of recorded versions: changes if anything does. */
    private String checksum() {
        return jdbc.queryForList("SELECT code, version, name_zh, category, investment_wan, planned_start FROM projects"
                                + " ORDER BY code")
                        .toString()
                + jdbc.queryForObject("SELECT COUNT(*) FROM feature_versions", Long.class);
    }

    private JsonNode upload(Caller caller, byte[] body, String query, String type, int status) {
        Caller.Answer answer = caller.sendBytes("POST", "/api/projects/batch/xlsx" + query, body, type);
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        if (status >= 400) {
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        }
        return answer.json();
    }

    /** A workbook of one sheet: the header, then the rows (numbers, dates and text as given). */
    static byte[] workbook(List<String> header, List<?>... rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("项目");
            var date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                h.createCell(i).setCellValue(header.get(i));
            }
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows[r].size(); c++) {
                    Object v = rows[r].get(c);
                    Cell cell = row.createCell(c);
                    if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else if (v instanceof LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(date);
                    } else {
                        cell.setCellValue(v.toString());
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        }
    }

    /** A real workbook whose sheet is padded with 20 MB of spaces: it deflates a thousandfold. */
    static byte[] bomb() throws IOException {
        byte[] good = workbook(List.of("项目编号"), List.of("A"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(good));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(in.readAllBytes());
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    byte[] spaces = new byte[1 << 20];
                    Arrays.fill(spaces, (byte) ' ');
                    for (int i = 0; i < 20; i++) {
                        zip.write(spaces);
                    }
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static void assertCell(Cell cell, String expected, String field) {
        if (expected.isEmpty()) {
            assertThat(cell).as(field).isNull();
            return;
        }
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            assertThat(cell.getLocalDateTimeCellValue().toLocalDate().toString())
                    .as(field)
                    .isEqualTo(expected);
        } else if (cell.getCellType() == CellType.NUMERIC) {
            assertThat(cell.getNumericCellValue()).as(field).isEqualTo(Double.parseDouble(expected));
        } else {
            assertThat(cell.getStringCellValue()).as(field).isEqualTo(expected);
        }
    }

    private static List<String> texts(Row row) {
        DataFormatter f = new DataFormatter();
        List<String> out = new ArrayList<>();
        row.forEach(c -> out.add(f.formatCellValue(c)));
        return out;
    }

    static Workbook open(byte[] bytes) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }

    /** RFC 4180 lines (quoted values may hold commas and quotes; the export's values hold no line breaks). */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.replace("\uFEFF", "").split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> row = new ArrayList<>();
            StringBuilder value = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        value.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        value.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(value.toString());
                    value.setLength(0);
                } else {
                    value.append(c);
                }
            }
            row.add(value.toString());
            rows.add(row);
        }
        return rows;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
