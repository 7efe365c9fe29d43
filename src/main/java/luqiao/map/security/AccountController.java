package luqiao.map.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.PublicPolicy;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.NotFoundException;
import luqiao.map.web.RequestText;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who am I ({@code /api/me}), my API tokens ({@code /api/me/tokens}), and for administrators the users
 * and the audit log ({@code /api/admin/...}). Access rules are in {@link SecurityConfig}.
 */
@RestController
class AccountController {

    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final PublicPolicy policy;

    AccountController(Accounts accounts, LoginThrottle throttle, PublicPolicy policy) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.policy = policy;
    }

    /** The caller: name, roles and view; also the CSRF token a form must send (for the login page). */
    @GetMapping("/api/me")
    Map<String, Object> me(Authentication auth, Audience audience, CsrfToken csrf) {
        Map<String, Object> me = new LinkedHashMap<>();
        boolean signedIn = !AccessPolicy.audienceOf(auth).isPublic()
                || auth != null
                        && auth.isAuthenticated()
                        && !(auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
        me.put("signedIn", signedIn);
        me.put("username", signedIn ? auth.getName() : null);
        me.put(
                "roles",
                signedIn
                        ? AccessPolicy.roles(auth.getAuthorities()).stream()
                                .map(Role::name)
                                .toList()
                        : List.of());
        me.put("audience", audience.name());
        // What the caller's view holds (PublicPolicy), for the web map's legend, stage filter and panels.
        me.put(
                "sees",
                Map.of(
                        "stages",
                        policy.stages(audience),
                        "overdue",
                        policy.seesOverdue(audience),
                        "compliance",
                        policy.seesCompliance(audience)));
        me.put(
                "csrf",
                Map.of(
                        "parameterName",
                        csrf.getParameterName(),
                        "headerName",
                        csrf.getHeaderName(),
                        "token",
                        csrf.getToken()));
        return me;
    }

    record TokenRequest(String name) {}

    @PostMapping("/api/me/tokens")
    ResponseEntity<Map<String, Object>> createToken(
            Authentication auth, HttpServletRequest request, @RequestBody(required = false) TokenRequest body) {
        String name = body == null ? null : RequestText.check("name", body.name());
        Accounts.IssuedToken issued = accounts.issueToken(auth.getName(), request.getRemoteAddr(), name);
        Map<String, Object> answer = token(issued.token());
        answer.put("token", issued.secret());
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    @GetMapping("/api/me/tokens")
    List<Map<String, Object>> tokens(Authentication auth) {
        return accounts.tokens(auth.getName()).stream()
                .map(AccountController::token)
                .toList();
    }

    @DeleteMapping("/api/me/tokens/{id}")
    ResponseEntity<Void> revoke(Authentication auth, HttpServletRequest request, @PathVariable String id) {
        if (!accounts.revokeToken(auth.getName(), request.getRemoteAddr(), id)) {
            throw new NotFoundException("no token '" + id + "'");
        }
        return ResponseEntity.noContent().build();
    }

    record UserRequest(String username, String password, List<String> roles, Boolean enabled) {}

    /** Every user with roles, state and how many API tokens they hold. */
    @GetMapping("/api/admin/users")
    List<Map<String, Object>> users() {
        return accounts.users().stream()
                .map(u -> {
                    Map<String, Object> m = user(u);
                    m.put("tokens", accounts.tokens(u.username()).size());
                    return m;
                })
                .toList();
    }

    @PostMapping("/api/admin/users")
    ResponseEntity<Map<String, Object>> create(
            Authentication auth, HttpServletRequest request, @RequestBody UserRequest body) {
        RequestText.check("username", body.username());
        RequestText.check("password", body.password());
        UserStore.User user = accounts.create(
                auth.getName(), request.getRemoteAddr(), body.username(), body.password(), roles(body.roles()));
        return ResponseEntity.status(HttpStatus.CREATED).body(user(user));
    }

    @PutMapping("/api/admin/users/{username}")
    Map<String, Object> update(
            Authentication auth,
            HttpServletRequest request,
            @PathVariable String username,
            @RequestBody UserRequest body) {
        RequestText.check("password", body.password());
        if (!accounts.update(
                auth.getName(),
                request.getRemoteAddr(),
                username,
                roles(body.roles()),
                body.enabled() == null || body.enabled(),
                body.password())) {
            throw new NotFoundException("no user '" + username + "'");
        }
        return accounts.users().stream()
                .filter(u -> u.username().equals(username))
                .findFirst()
                .map(AccountController::user)
                .orElseThrow();
    }

    @DeleteMapping("/api/admin/users/{username}")
    ResponseEntity<Void> delete(Authentication auth, HttpServletRequest request, @PathVariable String username) {
        if (!accounts.delete(auth.getName(), request.getRemoteAddr(), username)) {
            throw new NotFoundException("no user '" + username + "'");
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * Lifts the user's sign-in pauses (at every client address) and slowdown, e.g. after a password spray;
     * audited. A client address paused for failures with many user names stays paused.
     */
    @PostMapping("/api/admin/users/{username}/unlock")
    ResponseEntity<Void> unlock(Authentication auth, HttpServletRequest request, @PathVariable String username) {
        known(username);
        boolean lifted = throttle.unlock(username);
        accounts.audit(
                auth.getName(),
                "user.unlock",
                username,
                request.getRemoteAddr(),
                lifted ? "sign-in pause lifted" : "no pause");
        return ResponseEntity.noContent().build();
    }

    /** Revokes every API token of the user; answers how many there were. */
    @DeleteMapping("/api/admin/users/{username}/tokens")
    Map<String, Object> revokeTokens(Authentication auth, HttpServletRequest request, @PathVariable String username) {
        known(username);
        return Map.of("revoked", accounts.revokeTokens(auth.getName(), request.getRemoteAddr(), username));
    }

    @GetMapping("/api/admin/audit")
    List<Map<String, Object>> audit(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 10000) {
            throw new InvalidParameterException("limit", "limit must be between 1 and 10000");
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (UserStore.AuditEntry e : accounts.auditLog(limit)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("time", e.occurredAt().toString());
            m.put("actor", e.actor());
            m.put("action", e.action());
            m.put("target", e.target());
            m.put("client", e.client());
            m.put("detail", e.detail());
            entries.add(m);
        }
        return entries;
    }

    private void known(String username) {
        if (accounts.users().stream().noneMatch(u -> u.username().equals(username))) {
            throw new NotFoundException("no user '" + username + "'");
        }
    }

    private static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names == null ? List.<String>of() : names) {
            roles.add(Role.parse(name)
                    .orElseThrow(() -> new InvalidParameterException(
                            "roles",
                            "unknown role '" + name + "'; the roles are "
                                    + String.join(
                                            ", ",
                                            java.util.Arrays.stream(Role.values())
                                                    .map(Role::name)
                                                    .toList()))));
        }
        return roles;
    }

    private static Map<String, Object> user(UserStore.User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", u.username());
        m.put("roles", u.roles().stream().map(Role::name).toList());
        m.put("enabled", u.enabled());
        m.put("created", u.createdAt().toString());
        m.put("changed", u.changedAt().toString());
        return m;
    }

    private static Map<String, Object> token(UserStore.Token t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("created", t.createdAt().toString());
        m.put("expires", t.expiresAt().toString());
        return m;
    }
}
