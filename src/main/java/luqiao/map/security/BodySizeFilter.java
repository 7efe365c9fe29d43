package luqiao.map.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import luqiao.map.web.BodyTooLargeException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies ({@code luqiao.security.max-body-size}): a declared length over the bound is
 * answered 413 before anything reads it; a chunked body is cut off when it passes the bound (the
 * reader fails with {@link BodyTooLargeException}, answered 413 by the web layer). Registered first of all filters.
 * Import uploads are exempt: they are streamed to disk under their own, larger bound
 * ({@code luqiao.transfer.max-upload-size}), enforced by the importer. So are the inspection form's photos
 * (multipart, from a caller with credentials or a session), bounded by {@code luqiao.inspection.max-visit-size}
 * as the multipart parser reads them.
 */
class BodySizeFilter extends OncePerRequestFilter {

    private final long max;

    BodySizeFilter(long max) {
        this.max = max;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String type = request.getContentType();
        return path.startsWith("/api/import/")
                || path.equals("/api/inspections")
                        && type != null
                        && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
                        && carriesCredentials(request);
    }

    /**
     * A request that may be signed in (credentials or a session). Without either the visit is refused anyway, but
     * the CSRF check reads the form's parameters, which parses a multipart body: the plain bound keeps that small.
     */
    private static boolean carriesCredentials(HttpServletRequest request) {
        return request.getHeader("Authorization") != null
                || request.getHeader("X-Esri-Authorization") != null
                || request.getRequestedSessionId() != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > max) {
            Problems.write(
                    response, 413, BodyTooLargeException.TITLE, new BodyTooLargeException(declared, max).getMessage());
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Bounded(request, max), response);
    }

    private static final class Bounded extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream in;

        Bounded(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                ServletInputStream raw = super.getInputStream();
                in = new ServletInputStream() {
                    long read;

                    @Override
                    public int read() throws IOException {
                        int b = raw.read();
                        if (b >= 0 && ++read > max) {
                            throw new BodyTooLargeException(max);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = raw.read(buf, off, len);
                        if (n > 0 && (read += n) > max) {
                            throw new BodyTooLargeException(max);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return raw.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return raw.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        raw.setReadListener(listener);
                    }
                };
            }
            return in;
        }
    }
}
