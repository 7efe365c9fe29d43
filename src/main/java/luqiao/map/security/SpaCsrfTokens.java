package luqiao.map.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;

/**
 * CSRF tokens for the web map, a single-page app that sends the {@code XSRF-TOKEN} cookie's value back as
 * {@code X-XSRF-TOKEN}: Spring Security's {@code csrf().spa()} handling (the token rendered on every response, so
 * the cookie is always there; a header carries the raw token, a form field the masked one), except on the
 * responses {@code withoutCookie} names. Those are the tiles: public and cacheable ({@code Cache-Control: public}),
 * where a {@code Set-Cookie} would keep shared caches from storing them or have them hand one visitor's token to
 * the next, and where it cost every tile a new token. Their requests still check a token when one is needed (never:
 * they are reads) and render it if something asks for it.
 */
final class SpaCsrfTokens implements CsrfTokenRequestHandler {

    private final CsrfTokenRequestAttributeHandler plain = new CsrfTokenRequestAttributeHandler();
    /** Renders the token at once (no request attribute name means it is read to name one). */
    private final CsrfTokenRequestAttributeHandler eager = new XorCsrfTokenRequestAttributeHandler();

    private final CsrfTokenRequestAttributeHandler deferred = new XorCsrfTokenRequestAttributeHandler();
    private final RequestMatcher withoutCookie;

    SpaCsrfTokens(RequestMatcher withoutCookie) {
        this.withoutCookie = withoutCookie;
        eager.setCsrfRequestAttributeName(null);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        (withoutCookie.matches(request) ? deferred : eager).handle(request, response, token);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        String header = request.getHeader(token.getHeaderName());
        return (StringUtils.hasText(header) ? plain : eager).resolveCsrfTokenValue(request, token);
    }
}
