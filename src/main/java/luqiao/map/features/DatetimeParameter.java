package luqiao.map.features;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import luqiao.map.store.TimeInterval;
import luqiao.map.web.InvalidParameterException;

/**
 * The OGC {@code datetime} parameter (API – Features Part 1, 7.15.4): an RFC 3339 date or date-time, or
 * an interval {@code start/end} with {@code ..} (or nothing) for an open end. Read strictly: a value
 * with anything after its date or time is refused, never read as the date it starts with.
 */
final class DatetimeParameter {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private DatetimeParameter() {}

    /** Parses {@code 2024-05-01}, {@code 2024-01-01/2024-12-31}, {@code ../2024-12-31}, {@code 2024-01-01T00:00:00Z/..}. */
    static TimeInterval parse(String parameter, String text) {
        String[] parts = text.split("/", -1);
        if (parts.length > 2) {
            throw new InvalidParameterException(parameter, parameter + " must be an instant or start/end");
        }
        LocalDate start = date(parameter, parts[0]);
        if (parts.length == 1 && start == null) {
            throw new InvalidParameterException(parameter, parameter + " must be a date, or an interval start/end");
        }
        LocalDate end = parts.length == 1 ? start : date(parameter, parts[1]);
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidParameterException(parameter, parameter + " ends before it starts");
        }
        if (start == null && end == null && parts.length == 2) {
            throw new InvalidParameterException(parameter, parameter + " must not be open at both ends");
        }
        return new TimeInterval(start, end);
    }

    private static LocalDate date(String parameter, String text) {
        if (text.isEmpty() || text.equals("..")) {
            return null;
        }
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text);
            }
            // RFC 3339 date-time (T and Z in either case): the date part is all that a project date can match.
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(
                    parameter, parameter + ": '" + text + "' is not an RFC 3339 date or date-time");
        }
    }
}
