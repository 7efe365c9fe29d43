package luqiao.map.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A streaming .xlsx workbook (POI SXSSF): rows beyond a small window go to a compressed temporary file,
 * so a list of a million parcels takes no more memory than one of ten projects. {@link #close()} deletes
 * the temporary files; write the book with {@link #writeTo(OutputStream)} before.
 */
public final class XlsxBook implements AutoCloseable {

    /** Rows kept in memory per sheet; SXSSF flushes older ones to disk. */
    private static final int WINDOW = 200;

    private final SXSSFWorkbook book = new SXSSFWorkbook(WINDOW);
    private final Map<String, CellStyle> styles = new HashMap<>();
    private final DataFormatter formatter = new DataFormatter();
    private final CellStyle header;

    public XlsxBook() {
        book.setCompressTempFiles(true);
        Font bold = book.createFont();
        bold.setBold(true);
        header = book.createCellStyle();
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    }

    /** Writes the workbook; the stream is left open. */
    public void writeTo(OutputStream out) throws IOException {
        if (book.getNumberOfSheets() == 0) {
            throw new IllegalStateException("a workbook needs a sheet");
        }
        book.write(out);
    }

    @Override
    public void close() throws IOException {
        book.close();
    }

    Sheet sheet(String name, List<String> titles) {
        return new Sheet(book.createSheet(name), titles);
    }

    private CellStyle style(String format) {
        return styles.computeIfAbsent(format, f -> {
            CellStyle s = book.createCellStyle();
            s.setDataFormat(book.createDataFormat().getFormat(f));
            return s;
        });
    }

    /** One worksheet being written: its header, then its rows, then its widths. */
    final class Sheet {

        private final SXSSFSheet sheet;
        private final int[] widths;
        private int next = 1;

        private Sheet(SXSSFSheet sheet, List<String> titles) {
            this.sheet = sheet;
            this.widths = new int[titles.size()];
            Row row = sheet.createRow(0);
            for (int i = 0; i < titles.size(); i++) {
                Cell cell = row.createCell(i);
                cell.setCellValue(titles.get(i));
                cell.setCellStyle(header);
                // Room for the filter button the header cell gets.
                widths[i] = XlsxTable.displayWidth(titles.get(i)) + 2;
            }
            sheet.createFreezePane(0, 1);
        }

        void row(Object[] values, String[] formats) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                String shown;
                if (value instanceof Number n) {
                    double d = n instanceof BigDecimal b ? b.doubleValue() : n.doubleValue();
                    cell.setCellValue(d);
                    if (formats[i] != null) {
                        cell.setCellStyle(style(formats[i]));
                        shown = formatter.formatRawCellContents(
                                d, BuiltinFormats.FIRST_USER_DEFINED_FORMAT_INDEX, formats[i]);
                    } else {
                        shown = formatter.formatRawCellContents(d, 0, "General");
                    }
                } else if (value instanceof LocalDate date) {
                    cell.setCellValue(date);
                    cell.setCellStyle(style(formats[i] == null ? Xlsx.DATE : formats[i]));
                    shown = "0000-00-00";
                } else if (value instanceof Boolean b) {
                    shown = b ? "是" : "否";
                    cell.setCellValue(shown);
                } else {
                    shown = value.toString();
                    cell.setCellValue(shown);
                }
                widths[i] = Math.max(widths[i], XlsxTable.displayWidth(shown));
            }
        }

        void finish() {
            if (widths.length > 0) {
                sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, next - 1), 0, widths.length - 1));
            }
            for (int i = 0; i < widths.length; i++) {
                // Excel's unit is 1/256 of a character; one character more of margin.
                sheet.setColumnWidth(i, Math.min(widths[i] + 1, XlsxTable.MAX_WIDTH) * 256);
            }
        }
    }
}
