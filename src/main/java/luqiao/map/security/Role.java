package luqiao.map.security;

import java.util.Arrays;
import java.util.Optional;

/** What a signed-in user may do. Anonymous visitors have no role and see the public view. */
public enum Role {
    /** Reads every project, at every stage, with its investment. */
    PLANNER,
    /** Reads parcels with their owner, and edits parcels. */
    LAND_STAFF,
    /**
     * Records site visits and raises and moves problems (一线督战, issue #16); reads every project as planners do,
     * since a project is supervised at every stage of its chain. Planners and administrators may inspect too.
     */
    INSPECTOR,
    /** Everything, including users, tokens and the audit log. */
    ADMIN;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> parse(String text) {
        return Arrays.stream(values())
                .filter(r -> r.name().equalsIgnoreCase(text == null ? "" : text.trim()))
                .findFirst();
    }
}
