package luqiao.map.cql2;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The whitelist of properties a filter may name, for one collection and one audience. Property
 * names resolve case-insensitively; anything not listed is rejected, never ignored.
 *
 * <p>Audience restriction: {@link #restrictedTo} keeps the full catalog but marks the properties the
 * predicate refuses as forbidden, so a public client naming an internal field gets "not available"
 * instead of a silently different result. (This does confirm the field exists; build the public
 * catalog with {@link #of} alone if even that must stay hidden.)
 */
public final class Queryables {

    private final Map<String, Queryable> byName;
    private final Predicate<Queryable> audienceMayUse;

    private Queryables(Map<String, Queryable> byName, Predicate<Queryable> audienceMayUse) {
        this.byName = byName;
        this.audienceMayUse = audienceMayUse;
    }

    public static Queryables of(Collection<Queryable> queryables) {
        Map<String, Queryable> byName = new LinkedHashMap<>();
        for (Queryable queryable : queryables) {
            if (byName.put(key(queryable.name()), queryable) != null) {
                throw new IllegalArgumentException(
                        "duplicate queryable (names are case-insensitive): " + queryable.name());
            }
        }
        return new Queryables(Collections.unmodifiableMap(byName), q -> true);
    }

    public static Queryables of(Queryable... queryables) {
        return of(List.of(queryables));
    }

    /** The same catalog, with the properties {@code audienceMayUse} refuses forbidden. */
    public Queryables restrictedTo(Predicate<Queryable> audienceMayUse) {
        return new Queryables(byName, this.audienceMayUse.and(audienceMayUse));
    }

    /** The properties this audience may use, e.g. for the {@code /queryables} resource. */
    public List<Queryable> visible() {
        return byName.values().stream().filter(audienceMayUse).toList();
    }

    /** The queryable for a client-supplied name, or an error naming the property. */
    public Queryable resolve(String propertyName) {
        Queryable queryable = byName.get(key(propertyName));
        if (queryable == null) {
            throw Cql2Exception.aboutProperty(propertyName, "unknown property '" + propertyName + "'");
        }
        if (!audienceMayUse.test(queryable)) {
            throw Cql2Exception.aboutProperty(
                    propertyName, "property '" + propertyName + "' is not available to this client");
        }
        return queryable;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
