package luqiao.map.store;

import java.time.LocalDate;

/**
 * A closed date interval of an OGC {@code datetime} query; either end may be open (null). Project
 * dates are whole days, so a request's timestamps arrive here reduced to their date
 * ({@code features.DatetimeParameter} reads the parameter).
 *
 * @param property the one date property the interval tests (a DATE field of the layer, by its client
 *                 name), or null for the standard meaning: the feature's time span meets the interval
 */
public record TimeInterval(LocalDate start, LocalDate end, String property) {

    /** An interval met by the features' time spans (the standard meaning of {@code datetime}). */
    public TimeInterval(LocalDate start, LocalDate end) {
        this(start, end, null);
    }

    /** The same interval, tested against one date property instead (null: the time span). */
    public TimeInterval on(String property) {
        return new TimeInterval(start, end, property);
    }
}
