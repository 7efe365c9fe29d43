package luqiao.map.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import luqiao.map.catalog.Audience;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The one place that turns who is signed in into what they may see ({@link Audience}). Controllers do
 * not call this: they declare an {@code Audience} parameter and {@link AudienceArgumentResolver} fills
 * it from here. Anonymous requests resolve without any I/O (no database query per tile).
 */
public final class AccessPolicy {

    private AccessPolicy() {}

    /** The audience of the current request's user; {@link Audience#PUBLIC} when nobody is signed in. */
    public static Audience current() {
        return audienceOf(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Audience audienceOf(Authentication authentication) {
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return Audience.PUBLIC;
        }
        return audienceOf(roles(authentication.getAuthorities()));
    }

    /**
     * Administrators see everything; planners and inspectors all projects; land staff parcel owners; both staff
     * roles: everything.
     */
    public static Audience audienceOf(Set<Role> roles) {
        boolean planner = roles.contains(Role.PLANNER) || roles.contains(Role.INSPECTOR);
        boolean land = roles.contains(Role.LAND_STAFF);
        if (roles.contains(Role.ADMIN) || planner && land) {
            return Audience.STAFF;
        }
        if (planner) {
            return Audience.PLANNER;
        }
        if (land) {
            return Audience.LAND_STAFF;
        }
        return Audience.PUBLIC;
    }

    static Set<Role> roles(Collection<? extends GrantedAuthority> authorities) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority a : authorities) {
            for (Role r : Role.values()) {
                if (r.authority().equals(a.getAuthority())) {
                    roles.add(r);
                }
            }
        }
        return roles;
    }
}
