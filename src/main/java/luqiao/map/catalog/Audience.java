package luqiao.map.catalog;

/**
 * Who is asking, as far as what they may <em>see</em> is concerned. This enum is the visibility
 * policy: {@link Layer} asks it which internal rows and fields an audience sees, and every path
 * (feature API, OGC API, tiles, analyses, statistics, search) reads through {@link Layer}. The
 * mapping from signed-in users to an audience is made in one place, {@code security.AccessPolicy}.
 *
 * <ul>
 *   <li>{@link #PUBLIC}: anonymous visitors and embeds. Public rows (projects at 开工/竣工, public
 *       zones) and public fields only; no parcel {@code owner}.</li>
 *   <li>{@link #PLANNER}: every project (all stages, with investment) and every zone; parcels as the
 *       public sees them (the owner is land-registry data).</li>
 *   <li>{@link #LAND_STAFF}: every parcel field including {@code owner}, every zone; projects as the
 *       public sees them (internal projects are the planners' business).</li>
 *   <li>{@link #STAFF}: everything (administrators, and users holding both staff roles).</li>
 * </ul>
 * Cached derived data (tiles) is keyed by audience, so each view has its own cache entries.
 */
public enum Audience {
    PUBLIC,
    PLANNER,
    LAND_STAFF,
    STAFF;

    /** Whether this audience sees the rows of the layer that are not public (e.g. projects at 谋划/前期/招引). */
    public boolean seesInternalRowsOf(Layer layer) {
        return switch (layer) {
            case PROJECTS -> this == PLANNER || this == STAFF;
            case ZONES -> this != PUBLIC;
            case PARCELS -> true;
        };
    }

    /** Whether this audience sees the layer's internal fields (e.g. the parcel {@code owner}). */
    public boolean seesInternalFieldsOf(Layer layer) {
        return switch (layer) {
            case PARCELS -> this == LAND_STAFF || this == STAFF;
            case PROJECTS -> this == PLANNER || this == STAFF;
            case ZONES -> this != PUBLIC;
        };
    }

    /** Whether this is the anonymous view (cacheable by shared caches, embeddable). */
    public boolean isPublic() {
        return this == PUBLIC;
    }
}
