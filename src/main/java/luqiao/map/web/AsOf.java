package luqiao.map.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import luqiao.map.catalog.Layer;

/**
 * The {@code asOf=YYYY-MM-DD} parameter: read the projects as they stood at the end of that day,
 * from their recorded stage history. Days are the district's (China Standard Time).
 */
public final class AsOf {

    public static final String PARAMETER = "asOf";
    public static final ZoneId DISTRICT_TIME = ZoneId.of("Asia/Shanghai");

    private AsOf() {}

    /** Today in the district. */
    public static LocalDate today() {
        return LocalDate.now(DISTRICT_TIME);
    }

    /** The date, or null when the parameter is absent; 400 for anything but a past or present calendar date. */
    public static LocalDate parse(String text) {
        if (text == null) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(PARAMETER, PARAMETER + ": '" + text + "' is not a date (YYYY-MM-DD)");
        }
        if (date.isAfter(today())) {
            throw new InvalidParameterException(
                    PARAMETER, PARAMETER + ": " + date + " is in the future; the history ends today, " + today());
        }
        return date;
    }

    /** The date for a read of {@code layer}; 400 when the layer has no history to read it from. */
    public static LocalDate parse(String text, Layer layer) {
        LocalDate date = parse(text);
        if (date != null && !layer.hasHistory()) {
            throw new InvalidParameterException(
                    PARAMETER, PARAMETER + " applies to projects only; " + layer.id() + " have no recorded history");
        }
        return date;
    }
}
