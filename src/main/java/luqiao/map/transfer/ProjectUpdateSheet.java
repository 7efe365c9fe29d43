package luqiao.map.transfer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import luqiao.map.catalog.ChoiceLists;
import luqiao.map.catalog.Field;
import luqiao.map.catalog.FieldType;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.store.StoredFeature;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.ProblemException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.springframework.http.HttpStatus;

/**
 * Project attribute updates read from the first sheet of a workbook: the header row names the columns (the
 * Chinese titles of the project export, {@link LayerSheet}, or the field names), each further row one project
 * by its code. Every cell is checked, and every one that cannot be used is listed with its reference ({@code
 * D5}), column, value and reason, so a dry run shows all that is wrong at once. Columns the export writes
 * but a sheet cannot change (the stage, which moves along the project chain; the zone and measures, which
 * follow the geometry) may come back as exported; a changed value there is refused.
 */
final class ProjectUpdateSheet {

    /** The fields a sheet may change, in the export's order. */
    static final List<String> EDITABLE = List.of(
            "name_zh",
            "name_en",
            "category",
            "investment_wan",
            "responsible_unit",
            "planned_start",
            "planned_finish",
            "actual_start",
            "actual_finish");

    private static final Set<String> READ_ONLY = Set.of("stage", "zone", "length_m", "area_m2", "area_mu");
    private static final Set<String> REQUIRED = Set.of("name_zh", "category");
    /** The schema's width of the free-text columns (migration V2). */
    private static final int TEXT_WIDTH = 200;

    private static final BigDecimal MAX_NUMBER = new BigDecimal("1e12");
    /** How dates are written as text in the district's sheets; strict, so 2024-02-30 is no date. */
    private static final List<DateTimeFormatter> DATES = Stream.of("uuuu-M-d", "uuuu/M/d", "uuuu.M.d", "uuuu年M月d日")
            .map(p -> DateTimeFormatter.ofPattern(p).withResolverStyle(ResolverStyle.STRICT))
            .toList();

    /** A cell that cannot be used. */
    record Rejection(String sheet, String cell, int row, String column, String field, String value, String reason) {}

    /** A project the sheet changes: the version it was read at, and each changed field, before and after. */
    record Change(String code, long version, Map<String, Object> before, Map<String, Object> after) {}

    /** What the sheet holds: the projects it changes, how many rows change nothing, and every rejected cell. */
    record Result(String sheet, int rows, List<Change> changes, int unchanged, List<Rejection> rejected) {}

    private final Function<String, Optional<StoredFeature>> projects;
    private final DataFormatter shown = new DataFormatter();

    /** @param projects the live project of a code, or empty */
    ProjectUpdateSheet(Function<String, Optional<StoredFeature>> projects) {
        this.projects = projects;
    }

    /** Reads the workbook's first sheet; a sheet with no header or no code column, or over {@code maxRows}, is refused whole. */
    Result read(Workbook book, int maxRows) {
        Sheet sheet = book.getSheetAt(0);
        String name = sheet.getSheetName();
        Row header = sheet.getRow(sheet.getFirstRowNum());
        if (sheet.getPhysicalNumberOfRows() == 0 || header == null) {
            throw new InvalidParameterException(
                    "file", "the sheet '" + name + "' is empty; its first row names the columns");
        }
        List<Rejection> rejected = new ArrayList<>();
        Map<Integer, String> columns = columns(name, header, rejected);
        int codeColumn = columns.entrySet().stream()
                .filter(e -> e.getValue().equals("code"))
                .mapToInt(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new InvalidParameterException(
                        "file",
                        "the first row of sheet '" + name + "' names no " + LayerSheet.title(Layer.PROJECTS, "code")
                                + " (code) column; rows are matched to projects by it"));
        int last = sheet.getLastRowNum();
        if (last - header.getRowNum() > maxRows) {
            throw new ProblemException(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "Too many rows",
                            "the sheet has " + (last - header.getRowNum()) + " rows after its header; at most "
                                    + maxRows + " are read at once (luqiao.editing.max-batch)")
                    .with("max", maxRows);
        }
        List<Change> changes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int rows = 0;
        int unchanged = 0;
        for (int r = header.getRowNum() + 1; r <= last; r++) {
            Row row = sheet.getRow(r);
            if (blank(row)) {
                continue;
            }
            rows++;
            Cells cells = new Cells(name, row, columns, rejected);
            Cells.Value codeValue = cells.value(codeColumn, FieldType.STRING);
            if (!codeValue.ok()) {
                continue;
            }
            String code = (String) codeValue.value();
            if (code == null) {
                cells.reject(codeColumn, "no project code");
                continue;
            }
            Integer earlier = seen.putIfAbsent(code, r + 1);
            if (earlier != null) {
                cells.reject(codeColumn, "project code " + code + " is already on row " + earlier);
                continue;
            }
            Optional<StoredFeature> project = projects.apply(code);
            if (project.isEmpty()) {
                cells.reject(codeColumn, "unknown project code '" + code + "' (no live project has it)");
                continue;
            }
            Change change = change(project.get(), cells, columns, codeColumn);
            if (change == null) {
                continue;
            }
            if (change.after().isEmpty()) {
                unchanged++;
            } else {
                changes.add(change);
            }
        }
        return new Result(name, rows, changes, unchanged, rejected);
    }

    /** The field of each header cell; unknown and repeated titles are rejected. */
    private static Map<Integer, String> columns(String sheet, Row header, List<Rejection> rejected) {
        Map<String, String> byTitle = new HashMap<>();
        for (String field : fieldNames()) {
            byTitle.put(field.toLowerCase(Locale.ROOT), field);
            byTitle.put(LayerSheet.title(Layer.PROJECTS, field), field);
            byTitle.putIfAbsent(LayerSheet.TITLES.getOrDefault(field, field), field);
        }
        Map<Integer, String> columns = new LinkedHashMap<>();
        Map<String, Integer> taken = new HashMap<>();
        DataFormatter text = new DataFormatter();
        for (Cell cell : header) {
            String title = text.formatCellValue(cell).strip();
            if (title.isEmpty()) {
                continue;
            }
            String field = byTitle.get(title.toLowerCase(Locale.ROOT));
            String ref = new CellReference(cell).formatAsString(false);
            if (field == null) {
                rejected.add(new Rejection(
                        sheet,
                        ref,
                        cell.getRowIndex() + 1,
                        title,
                        null,
                        title,
                        "unknown column; the columns are "
                                + String.join(
                                        ", ",
                                        fieldNames().stream()
                                                .map(f -> LayerSheet.title(Layer.PROJECTS, f))
                                                .toList())));
            } else if (taken.putIfAbsent(field, cell.getColumnIndex()) != null) {
                rejected.add(new Rejection(
                        sheet,
                        ref,
                        cell.getRowIndex() + 1,
                        title,
                        field,
                        title,
                        "the column " + title + " appears twice"));
            } else {
                columns.put(cell.getColumnIndex(), field);
            }
        }
        return columns;
    }

    /** Every column a sheet may hold: the code, the editable fields, and the read-only ones the export writes. */
    private static List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        names.add(Layer.PROJECTS.idColumn());
        names.addAll(EDITABLE);
        List.of("stage", "zone", "length_m", "area_m2", "area_mu").forEach(names::add);
        return names;
    }

    /** The changed fields of one project row; null when a cell of it was rejected. */
    private Change change(StoredFeature stored, Cells cells, Map<Integer, String> columns, int codeColumn) {
        Feature current = stored.feature();
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<Integer, String> column : columns.entrySet()) {
            int c = column.getKey();
            String field = column.getValue();
            if (c == codeColumn) {
                continue;
            }
            Cells.Value value = cells.value(c, type(field));
            if (!value.ok()) {
                ok = false;
                continue;
            }
            Object now = field.equals("area_mu")
                    ? LayerSheet.areaMu(current)
                    : current.properties().get(field);
            if (READ_ONLY.contains(field)) {
                if (value.value() != null && !same(value.value(), now, field.equals("area_mu") ? 0.0001 : 0.01)) {
                    ok &= cells.reject(
                            c,
                            "read-only column: " + field + " is " + now
                                    + (field.equals("stage")
                                            ? "; the stage changes only along the project chain (POST /api/projects/"
                                                    + current.id() + "/transitions)"
                                            : "; it follows from the geometry"));
                }
                continue;
            }
            Object next = value.value();
            if (next == null && REQUIRED.contains(field)) {
                ok &= cells.reject(c, field + " is required");
                continue;
            }
            String refused = refused(field, next);
            if (refused != null) {
                ok &= cells.reject(c, refused);
                continue;
            }
            if (!same(next, now, 0)) {
                before.put(field, now);
                after.put(field, next);
            }
        }
        return ok ? new Change(current.id(), stored.version(), before, after) : null;
    }

    /** Why a value cannot be stored in the field, or null. */
    private static String refused(String field, Object value) {
        if (value instanceof String text) {
            List<String> choices = ChoiceLists.of(Layer.PROJECTS).get(field);
            if (choices != null && !choices.contains(text)) {
                return "unknown choice '" + text + "'; " + field + " is one of " + String.join(", ", choices);
            }
            if (text.length() > TEXT_WIDTH) {
                return "too long: " + text.length() + " characters; at most " + TEXT_WIDTH + " fit";
            }
        }
        if (value instanceof BigDecimal n && (n.signum() < 0 || n.compareTo(MAX_NUMBER) >= 0)) {
            return "out of range: " + n.toPlainString() + "; must be between 0 and 10^12";
        }
        return null;
    }

    private static boolean same(Object a, Object b, double tolerance) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return tolerance == 0 ? x.compareTo(y) == 0 : Math.abs(x.doubleValue() - y.doubleValue()) <= tolerance;
        }
        return a.toString().equals(b.toString());
    }

    private static FieldType type(String field) {
        if (field.equals("area_mu")) {
            return FieldType.NUMBER;
        }
        return Layer.PROJECTS.allFields().stream()
                .filter(f -> f.name().equals(field))
                .map(Field::type)
                .findFirst()
                .orElse(FieldType.STRING);
    }

    private boolean blank(Row row) {
        if (row == null) {
            return true;
        }
        for (Cell cell : row) {
            if (!shown.formatCellValue(cell).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The cells of one row, read by type; each that cannot be read is rejected with its reference. */
    private static final class Cells {

        record Value(boolean ok, Object value) {}

        private final String sheet;
        private final Row row;
        private final Map<Integer, String> columns;
        private final List<Rejection> rejected;
        private final DataFormatter shown = new DataFormatter();

        Cells(String sheet, Row row, Map<Integer, String> columns, List<Rejection> rejected) {
            this.sheet = sheet;
            this.row = row;
            this.columns = columns;
            this.rejected = rejected;
        }

        /** Records the cell as rejected; returns false, so callers can fold it into their outcome. */
        boolean reject(int column, String reason) {
            Cell cell = row.getCell(column);
            String field = columns.get(column);
            rejected.add(new Rejection(
                    sheet,
                    new CellReference(row.getRowNum(), column).formatAsString(false),
                    row.getRowNum() + 1,
                    LayerSheet.title(Layer.PROJECTS, field),
                    field,
                    cell == null ? "" : shown.formatCellValue(cell),
                    reason));
            return false;
        }

        Value value(int column, FieldType type) {
            Cell cell = row.getCell(column);
            CellType kind = cell == null ? CellType.BLANK : cell.getCellType();
            if (kind == CellType.FORMULA) {
                kind = cell.getCachedFormulaResultType();
            }
            if (kind == CellType.BLANK
                    || (kind == CellType.STRING && cell.getStringCellValue().isBlank())) {
                return new Value(true, null);
            }
            if (kind == CellType.ERROR) {
                return refuse(column, "the cell holds an error");
            }
            return switch (type) {
                case STRING ->
                    kind == CellType.BOOLEAN
                            ? refuse(column, "not text")
                            : new Value(
                                    true,
                                    kind == CellType.STRING
                                            ? cell.getStringCellValue().strip()
                                            : shown.formatCellValue(cell).strip());
                case NUMBER -> number(column, cell, kind);
                case DATE -> date(column, cell, kind);
                case BOOLEAN -> refuse(column, "no such column");
            };
        }

        private Value number(int column, Cell cell, CellType kind) {
            if (kind == CellType.NUMERIC) {
                if (DateUtil.isCellDateFormatted(cell)) {
                    return refuse(column, "not a number: the cell is a date");
                }
                return new Value(true, BigDecimal.valueOf(cell.getNumericCellValue()));
            }
            if (kind == CellType.STRING) {
                String text = cell.getStringCellValue().strip().replace(",", "").replace("，", "");
                try {
                    return new Value(true, new BigDecimal(text));
                } catch (NumberFormatException e) {
                    return refuse(column, "not a number");
                }
            }
            return refuse(column, "not a number");
        }

        private Value date(int column, Cell cell, CellType kind) {
            if (kind == CellType.NUMERIC) {
                if (!DateUtil.isCellDateFormatted(cell)) {
                    return refuse(
                            column, "date unparsable: a plain number; format the cell as a date or write YYYY-MM-DD");
                }
                return new Value(true, cell.getLocalDateTimeCellValue().toLocalDate());
            }
            if (kind == CellType.STRING) {
                String text = cell.getStringCellValue().strip();
                for (DateTimeFormatter format : DATES) {
                    try {
                        return new Value(true, LocalDate.parse(text, format));
                    } catch (DateTimeParseException e) {
                        // the next way of writing it
                    }
                }
            }
            return refuse(column, "date unparsable; write YYYY-MM-DD (or format the cell as a date)");
        }

        private Value refuse(int column, String reason) {
            reject(column, reason);
            return new Value(false, null);
        }
    }
}
