package luqiao.map.store;

import java.time.LocalDate;

/**
 * A closed date interval of an OGC {@code datetime} query; either end may be open (null). Project
 * dates are whole days, so a request's timestamps arrive here reduced to their date
 * ({@code features.DatetimeParameter} reads the parameter).
 */
public record TimeInterval(LocalDate start, LocalDate end) {}
