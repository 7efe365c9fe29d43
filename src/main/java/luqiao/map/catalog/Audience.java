package luqiao.map.catalog;

/**
 * Who is asking. The public sees public rows and fields only; staff see everything.
 * Until sign-in exists every HTTP request is {@link #PUBLIC}: the safe default.
 */
public enum Audience {
    PUBLIC, STAFF
}
