package luqiao.map.store;

import java.util.Locale;

/** What a change to a feature was, as {@code feature_versions.action} records it. */
public enum Action {
    CREATE,
    UPDATE,
    DELETE,
    UNDELETE,
    RESTORE,
    IMPORT;

    /** The stored (and JSON) spelling: lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Action of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
