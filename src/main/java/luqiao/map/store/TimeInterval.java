package luqiao.map.store;

import java.time.LocalDate;

import luqiao.map.web.InvalidParameterException;

/**
 * A closed date interval from an OGC {@code datetime} parameter; either end may be open (null).
 * Project dates are whole days, so timestamps are reduced to their date.
 */
public record TimeInterval(LocalDate start, LocalDate end) {

    /** Parses {@code 2024-05-01}, {@code 2024-01-01/2024-12-31}, {@code ../2024-12-31}, {@code 2024-01-01/..}. */
    public static TimeInterval parse(String parameter, String text) {
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
            // RFC 3339 date or date-time: the date part is all that a project date can match.
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (RuntimeException e) {
            throw new InvalidParameterException(parameter, parameter + ": '" + text + "' is not an RFC 3339 date or date-time");
        }
    }
}
