package luqiao.map.excel;

import java.util.function.Function;

/**
 * One column of an {@link XlsxTable}: its header, the Excel number format of its numbers and dates, and
 * how a row gives its value. Values are written by their type: numbers as numbers, {@link
 * java.time.LocalDate}s as dates, booleans as 是/否, anything else as text, null as an empty cell.
 *
 * @param title  the header, in Chinese (what the district's planners read)
 * @param format the Excel number format ({@link Xlsx#WAN}, {@link Xlsx#MU}, ...); null: General for
 *               numbers, {@link Xlsx#DATE} for dates
 */
public record XlsxColumn<R>(String title, String format, Function<R, Object> value) {

    /** Text, or numbers shown as they are. */
    public static <R> XlsxColumn<R> of(String title, Function<R, Object> value) {
        return new XlsxColumn<>(title, null, value);
    }

    /** Numbers shown in {@code format}. */
    public static <R> XlsxColumn<R> number(String title, String format, Function<R, Object> value) {
        return new XlsxColumn<>(title, format, value);
    }
}
