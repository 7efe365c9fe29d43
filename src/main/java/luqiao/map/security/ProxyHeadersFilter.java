package luqiao.map.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The client's address and the server's public scheme, host and port, as the rest of the application
 * sees them ({@code getRemoteAddr()}, {@code getScheme()}, {@code getServerName()}, …). Registered before
 * every other filter; {@code server.forward-headers-strategy} is {@code none}, so this is the only place
 * proxy headers are read.
 *
 * <ul>
 *   <li>Client: when the TCP peer is one of {@code luqiao.security.trusted-proxies} (CIDRs), the right-most
 *       {@code X-Forwarded-For} address that is not itself a trusted proxy (what the nearest untrusted
 *       hop connected from; addresses a client writes in front change nothing); otherwise the peer.
 *       The rate limit, the sign-in throttle and the audit log all read it.</li>
 *   <li>Links: with {@code luqiao.public-base-url} set, its scheme, host and port, always; otherwise
 *       {@code X-Forwarded-Proto/-Host/-Port} when the peer is a trusted proxy; otherwise the request's own.</li>
 *   <li>{@code X-Forwarded-*} and {@code Forwarded} are removed from the request either way, so nothing
 *       further down can honour them by mistake. {@code Forwarded} (RFC 7239) itself is not read.</li>
 * </ul>
 */
final class ProxyHeadersFilter implements Filter {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]");

    private final List<IpAddressMatcher> trusted;
    private final PublicOrigin base;

    /**
     * @param trustedProxies CIDRs ("10.0.0.0/8", "::1", "fd00::/8"); an address without a prefix is one host
     * @param publicBaseUrl  e.g. {@code https://map.luqiao.gov.cn}; blank: links follow the request
     */
    ProxyHeadersFilter(List<String> trustedProxies, String publicBaseUrl) {
        List<IpAddressMatcher> matchers = new ArrayList<>();
        for (String cidr : trustedProxies) {
            String c = cidr.strip();
            if (c.isEmpty()) {
                continue;
            }
            String address = c.contains("/") ? c.substring(0, c.indexOf('/')) : c;
            if (literal(address) == null) {
                throw new IllegalArgumentException(
                        "luqiao.security.trusted-proxies: '" + c + "' is not an IP address or CIDR");
            }
            matchers.add(new IpAddressMatcher(c));
        }
        this.trusted = List.copyOf(matchers);
        this.base = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : PublicOrigin.parse(publicBaseUrl.strip());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || request instanceof Forwarded) {
            chain.doFilter(request, response);
            return;
        }
        String peer = http.getRemoteAddr();
        boolean fromProxy = !trusted.isEmpty() && isTrusted(peer);
        String client = fromProxy ? client(http, peer) : peer;
        PublicOrigin origin = base != null ? base : fromProxy ? forwardedOrigin(http) : null;
        chain.doFilter(new Forwarded(http, client, origin), response);
    }

    private boolean isTrusted(String address) {
        InetAddress a = literal(address);
        if (a == null) {
            return false;
        }
        String text = a.getHostAddress();
        for (IpAddressMatcher m : trusted) {
            if (m.matches(text)) {
                return true;
            }
        }
        return false;
    }

    /** Walks {@code X-Forwarded-For} from the right past trusted proxies; stops at the first address that is not one. */
    private String client(HttpServletRequest request, String peer) {
        List<String> hops = new ArrayList<>();
        for (Enumeration<String> values = request.getHeaders("X-Forwarded-For"); values.hasMoreElements(); ) {
            for (String hop : values.nextElement().split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(withoutPort(hops.get(i)));
            if (hop == null) {
                break; // not an address: what lies left of it cannot be trusted either
            }
            client = hop.getHostAddress();
            if (!isTrusted(client)) {
                break;
            }
        }
        return client;
    }

    /** The scheme, host and port a trusted proxy reports; what it does not report is the request's own. */
    private static PublicOrigin forwardedOrigin(HttpServletRequest request) {
        String proto = first(request.getHeader("X-Forwarded-Proto"));
        String scheme = "https".equalsIgnoreCase(proto)
                ? "https"
                : "http".equalsIgnoreCase(proto) ? "http" : request.getScheme();
        String hostHeader = first(request.getHeader("X-Forwarded-Host"));
        String host = request.getServerName();
        int port = proto != null ? defaultPort(scheme) : request.getServerPort();
        if (hostHeader != null) {
            int colon = hostHeader.lastIndexOf(':');
            String name = colon > hostHeader.lastIndexOf(']') ? hostHeader.substring(0, colon) : hostHeader;
            if (HOST.matcher(name).matches()) {
                host = name;
                port = defaultPort(scheme);
                if (colon > hostHeader.lastIndexOf(']')) {
                    port = port(hostHeader.substring(colon + 1), port);
                }
            }
        }
        String forwardedPort = first(request.getHeader("X-Forwarded-Port"));
        if (forwardedPort != null) {
            port = port(forwardedPort, port);
        }
        return new PublicOrigin(scheme, host, port);
    }

    private static String first(String header) {
        if (header == null) {
            return null;
        }
        String value = header.split(",")[0].strip();
        return value.isEmpty() ? null : value;
    }

    private static int port(String text, int otherwise) {
        try {
            int p = Integer.parseInt(text.strip());
            return p > 0 && p < 65536 ? p : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    /** "203.0.113.7:5050" and "[2001:db8::1]:5050" name the address with the port some proxies append. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[") && hop.contains("]")) {
            return hop.substring(1, hop.indexOf(']'));
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') && hop.indexOf('.') > 0 ? hop.substring(0, colon) : hop;
    }

    /** The address an IP literal names, or null for anything else (never a DNS lookup). */
    static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (!IPV4.matcher(t).matches() && !IPV6.matcher(t).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(t); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Scheme, host and port of the links the server builds. */
    record PublicOrigin(String scheme, String host, int port) {

        static PublicOrigin parse(String url) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("luqiao.public-base-url: '" + url + "' is not a URL", e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")
                    || uri.getHost() == null
                    || uri.getRawPath() != null
                            && !uri.getRawPath().isEmpty()
                            && !uri.getRawPath().equals("/")
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(
                        "luqiao.public-base-url must be a scheme, host and optional port, e.g. "
                                + "https://map.luqiao.gov.cn (no path): '" + url + "'");
            }
            return new PublicOrigin(scheme, uri.getHost(), uri.getPort() < 0 ? defaultPort(scheme) : uri.getPort());
        }

        String hostAndPort() {
            return port == defaultPort(scheme) ? host : host + ":" + port;
        }
    }

    /** The request as seen through a trusted proxy (or the public base URL), without the proxy headers. */
    static final class Forwarded extends HttpServletRequestWrapper {
        private final String client;
        private final PublicOrigin origin;

        Forwarded(HttpServletRequest request, String client, PublicOrigin origin) {
            super(request);
            this.client = client;
            this.origin = origin;
        }

        @Override
        public String getRemoteAddr() {
            return client;
        }

        @Override
        public String getRemoteHost() {
            return client;
        }

        @Override
        public String getScheme() {
            return origin == null ? super.getScheme() : origin.scheme();
        }

        @Override
        public boolean isSecure() {
            return origin == null ? super.isSecure() : "https".equals(origin.scheme());
        }

        @Override
        public String getServerName() {
            return origin == null ? super.getServerName() : origin.host();
        }

        @Override
        public int getServerPort() {
            return origin == null ? super.getServerPort() : origin.port();
        }

        @Override
        public StringBuffer getRequestURL() {
            if (origin == null) {
                return super.getRequestURL();
            }
            return new StringBuffer(origin.scheme())
                    .append("://")
                    .append(origin.hostAndPort())
                    .append(getRequestURI());
        }

        @Override
        public String getHeader(String name) {
            if (isProxyHeader(name)) {
                return null;
            }
            if (origin != null && "Host".equalsIgnoreCase(name)) {
                return origin.hostAndPort();
            }
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (isProxyHeader(name)) {
                return Collections.emptyEnumeration();
            }
            if (origin != null && "Host".equalsIgnoreCase(name)) {
                return Collections.enumeration(List.of(origin.hostAndPort()));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> all = super.getHeaderNames(); all.hasMoreElements(); ) {
                String name = all.nextElement();
                if (!isProxyHeader(name)) {
                    names.add(name);
                }
            }
            return Collections.enumeration(names);
        }

        private static boolean isProxyHeader(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            return n.startsWith("x-forwarded-") || n.equals("forwarded");
        }
    }
}
