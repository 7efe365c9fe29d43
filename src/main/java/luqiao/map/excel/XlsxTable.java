package luqiao.map.excel;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * A table written as one worksheet: a header row of Chinese titles, frozen so it stays in view, with
 * an auto-filter; one row per record; numbers and dates in their columns' formats; column widths that
 * fit the longest value (a CJK character counts as two). A new sheet (the dashboard's figures, the
 * problem list) is a list of {@link XlsxColumn}s and a source of rows.
 *
 * @param sheetName the worksheet's name (Excel allows 31 characters, none of {@code []:*?/\})
 */
public record XlsxTable<R>(String sheetName, List<XlsxColumn<R>> columns) {

    /** Excel's widest column is 255 characters; wider than this reads badly anyway. */
    static final int MAX_WIDTH = 60;

    public XlsxTable {
        if (sheetName.isEmpty() || sheetName.length() > 31 || sheetName.matches(".*[\\[\\]:*?/\\\\].*")) {
            throw new IllegalArgumentException("not a worksheet name: " + sheetName);
        }
        columns = List.copyOf(columns);
    }

    /**
     * Adds the sheet to {@code book} with the rows {@code rows} hands to its consumer (streamed: a SXSSF
     * workbook keeps only a window of rows in memory).
     */
    public void write(XlsxBook book, Consumer<Consumer<R>> rows) {
        XlsxBook.Sheet sheet =
                book.sheet(sheetName, columns.stream().map(XlsxColumn::title).toList());
        rows.accept(row -> {
            Object[] values = new Object[columns.size()];
            String[] formats = new String[columns.size()];
            for (int i = 0; i < values.length; i++) {
                XlsxColumn<R> column = columns.get(i);
                values[i] = column.value().apply(row);
                formats[i] =
                        column.format() != null ? column.format() : values[i] instanceof LocalDate ? Xlsx.DATE : null;
            }
            sheet.row(values, formats);
        });
        sheet.finish();
    }

    /** The width of {@code text} in Excel's character units: East Asian wide characters take two. */
    static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            width += wide(c) ? 2 : 1;
        }
        return width;
    }

    private static boolean wide(int c) {
        Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || block == Character.UnicodeBlock.HIRAGANA
                || block == Character.UnicodeBlock.KATAKANA
                || block == Character.UnicodeBlock.HANGUL_SYLLABLES;
    }
}
