package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import luqiao.map.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #13: no input makes the server fail. A seeded corpus (NUL and other control characters, lone
 * surrogates, bad UTF-8 bytes, overlong and non-finite numbers, malformed media types, 10,000-deep JSON,
 * huge integers) is sent to every route {@link SecurityContract#DECISIONS} enumerates, through every
 * parameter and header family, anonymously and signed in: every answer is below 500 and no body carries a
 * stack trace or an exception class. Plus one focused test per finding of the hardening review.
 */
abstract class FuzzContract extends BackendContract {

    static final long SEED = 13_2024L;
    static final int THREADS = 3;
    /** The corpus' own client addresses: the sign-in throttle pauses these, never the other suites' 127.0.0.1. */
    static final String ANONYMOUS_FROM = "127.0.0.21";

    static final String SIGNED_IN_FROM = "127.0.0.22";

    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\bat (luqiao|org|java|jakarta|tools|com|sun)\\.[\\w.$]+\\(|\\b[A-Za-z]+(Exception|Throwable)\\b|\\b(java|org|luqiao)\\.[\\w.]+Error\\b");

    String internal;
    String parcel;
    String admin;

    @BeforeEach
    void fixtures() {
        internal = jdbc.queryForList(
                        "SELECT code FROM projects WHERE stage NOT IN ('开工', '竣工') ORDER BY code", String.class)
                .get(0);
        parcel = jdbc.queryForObject("SELECT MIN(parcel_no) FROM parcels WHERE owner IS NOT NULL", String.class);
        admin = "Basic " + Base64.getEncoder().encodeToString(SecurityContract.ADMIN.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- the generated corpus

    /** One request of the corpus: raw bytes on the wire, so anything (a NUL, 0xFF) can be sent as is. */
    record Probe(String family, String from, String method, byte[] target, List<String[]> headers, byte[] body) {
        String describe() {
            String t = new String(target, StandardCharsets.ISO_8859_1);
            return family + " " + method + " " + (t.length() > 160 ? t.substring(0, 160) + "…" : t)
                    + (headers.isEmpty()
                            ? ""
                            : " "
                                    + headers.stream()
                                            .map(h -> h[0] + ": " + abbreviate(h[1]))
                                            .toList())
                    + (body == null ? "" : " body " + abbreviate(new String(body, StandardCharsets.UTF_8)));
        }
    }

    record Outcome(Probe probe, int status, String contentType, String body) {}

    /** Text values; {@code %RAW:} values are inserted into a URL as they are (already percent-encoded, maybe invalid). */
    static final List<String> VALUES = List.of(
            "\u0000",
            "a\u0000b",
            "\u0001\u0002\u001b\u007f",
            "\t\r\n",
            "\uD800",
            "x\uDC00",
            "1e400",
            "-1e400",
            "1e-400",
            "NaN",
            "Infinity",
            "-Infinity",
            "1e9999999999",
            "99999999999999999999999999999",
            "-9223372036854775809",
            "2147483648",
            "-1",
            "0x1F",
            "1_000",
            "",
            " ",
            "'",
            "\"",
            "\\",
            "%",
            "../..",
            "*/*;q=abc",
            "a/b/c",
            "garbage",
            "{",
            "[[[",
            "🀄𠀀",
            "\uFEFF",
            "x".repeat(5000),
            "%RAW:%C3%28",
            "%RAW:%FF",
            "%RAW:%ED%A0%80",
            "%RAW:%C0%AF",
            "%RAW:%00",
            "%RAW:%F4%90%80%80",
            "%RAW:%E2%82",
            "%RAW:%%",
            "%RAW:%G1",
            "%RAW:%uD800");

    static final List<String> MEDIA_TYPES = List.of(
            "*/*;q=abc",
            "garbage",
            "a/b/c",
            "text/html;q=2;q=",
            "application/json;charset=\"",
            ";",
            "/",
            "*/",
            "application/",
            "text/html, , ,",
            "application/json;q=NaN",
            "application/json;q=1e400",
            "\u0000/\u0000",
            "é/é",
            "application/json;" + "a=b;".repeat(500));

    static final List<String> PARAMETERS = List.of(
            "filter",
            "bbox",
            "limit",
            "offset",
            "f",
            "crs",
            "bbox-crs",
            "datetime",
            "asOf",
            "format",
            "sortby",
            "properties",
            "lon",
            "lat",
            "radius_m",
            "filter-lang",
            "filter-crs",
            "q",
            "version",
            "geometry");

    static final List<String> CQL2 = List.of(
            "name_zh = '%s'",
            "name_zh LIKE '%s'",
            "area_m2 > %s",
            "area_m2 BETWEEN %s AND 1",
            "area_m2 IN (%s)",
            "S_INTERSECTS(geom, BBOX(%s,0,1,1))",
            "S_INTERSECTS(geom, POINT(%s 1))",
            "CASEI(name_zh) = CASEI('%s')",
            "stage = '%s' OR \"%s\" = 1");

    static final List<String> CQL2_JSON = List.of(
            "{\"op\":\"=\",\"args\":[{\"property\":\"name_zh\"},\"%s\"]}",
            "{\"op\":\">\",\"args\":[{\"property\":\"area_m2\"},%s]}",
            "{\"op\":\"like\",\"args\":[{\"property\":\"%s\"},\"x\"]}",
            "{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geom\"},{\"bbox\":[%s,0,1,1]}]}",
            "{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geom\"},{\"type\":\"Point\",\"coordinates\":[%s,1]}]}");

    static final List<String> NUMBERS = List.of(
            "1e400",
            "-1e400",
            "1e-400",
            "1e9999999999",
            "NaN",
            "Infinity",
            "99999999999999999999999",
            "-0",
            "0.0000000000000000000000000000001",
            "1" + "0".repeat(400),
            "1.5e308",
            "4.9e-325");

    @Test
    void theGeneratedCorpusGetsNo5xxAndNoStackTraceOnAnyRoute() throws Exception {
        List<Probe> corpus = corpus(new Random(SEED));
        List<Outcome> outcomes = new ArrayList<>(send(corpus));
        // A 503 "Query timeout" is the server busy (the corpus runs in parallel on a loaded machine), not the
        // input: each is sent again alone and must then be answered below 500. The count is printed.
        int busy = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).status() == 503 && outcomes.get(i).body().contains("Query timeout")) {
                busy++;
                outcomes.set(i, exchange(outcomes.get(i).probe()));
            }
        }

        Map<String, long[]> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Outcome o : outcomes) {
            long[] c = counts.computeIfAbsent(o.probe().family(), f -> new long[6]);
            c[0]++;
            c[o.status() == 0 ? 5 : Math.min(o.status() / 100, 5) - 1]++;
            if (o.status() >= 500 && !owsExceptionReport(o)) {
                failures.add(o.status() + " " + o.probe().describe() + " → " + abbreviate(o.body()));
            } else if (isText(o.contentType())
                    && STACK_TRACE
                            .matcher(o.status() >= 300 && !tomcatPage(o) ? o.body() : stackOnly(o.body()))
                            .find()) {
                failures.add(
                        "stack trace in " + o.status() + " " + o.probe().describe() + " → " + abbreviate(o.body()));
            } else if (o.status() >= 400
                    && o.status() != 413
                    && !o.contentType().startsWith("application/problem+json")
                    && !o.contentType().isEmpty()
                    && !tomcatPage(o)
                    && !owsExceptionReport(o)) {
                failures.add("not a problem: " + o.status() + " " + o.contentType() + " "
                        + o.probe().describe());
            }
        }
        long[] total = new long[6];
        StringBuilder table = new StringBuilder(String.format(
                "%nFuzz corpus on %s (seed %d):%n%-14s %8s %6s %6s %6s %6s %6s%n",
                getClass().getEnclosingClass().getSimpleName(),
                SEED,
                "family",
                "requests",
                "2xx",
                "3xx",
                "4xx",
                "5xx",
                "closed"));
        counts.forEach((family, c) -> {
            table.append(String.format("%-14s %8d %6d %6d %6d %6d %6d%n", family, c[0], c[1], c[2], c[3], c[4], c[5]));
            for (int i = 0; i < 6; i++) {
                total[i] += c[i];
            }
        });
        table.append(String.format(
                "%-14s %8d %6d %6d %6d %6d %6d%n",
                "total", total[0], total[1], total[2], total[3], total[4], total[5]));
        table.append(String.format(
                "(%d answered 503 Query timeout under the parallel load and were sent again alone)%n", busy));
        System.out.print(table);

        assertThat(total[0]).as("the corpus is large enough").isGreaterThanOrEqualTo(2_500);
        assertThat(failures)
                .as("answers that failed the server or leaked internals")
                .isEmpty();
        assertThat(total[5]).as("connections closed without an answer").isLessThan(total[0] / 20);
    }

    private List<Probe> corpus(Random random) {
        List<Probe> corpus = new ArrayList<>();
        List<String[]> routes = routes();
        for (String[] route : routes) {
            boolean signedIn = route[0].equals("signed-in");
            String method = route[1];
            String path = route[2];
            String body = route[3];
            String from = signedIn ? SIGNED_IN_FROM : ANONYMOUS_FROM;
            List<String[]> auth = signedIn ? List.<String[]>of(new String[] {"Authorization", admin}) : List.of();
            boolean safeWrite = !signedIn || method.equals("GET");
            int q = path.indexOf('?');
            String base = q < 0 ? path : path.substring(0, q);
            List<String[]> params = new ArrayList<>();
            if (q >= 0) {
                for (String pair : path.substring(q + 1).split("&")) {
                    String[] kv = pair.split("=", 2);
                    params.add(new String[] {kv[0], kv.length > 1 ? kv[1] : ""});
                }
            }
            // query: each parameter of the route, and parameters it may not know, with generated values.
            if (safeWrite) {
                for (int i = 0; i < params.size(); i++) {
                    for (String v : pick(random, VALUES, 6)) {
                        corpus.add(probe("query", from, method, base + "?" + replace(params, i, v), auth, body));
                    }
                }
                for (String name : pick(random, PARAMETERS, 5)) {
                    for (String v : pick(random, VALUES, 2)) {
                        corpus.add(probe(
                                "query",
                                from,
                                method,
                                path + (q < 0 ? "?" : "&") + name + "=" + encode(v),
                                auth,
                                body));
                    }
                }
                corpus.add(probe(
                        "query",
                        from,
                        method,
                        path + (q < 0 ? "?" : "&")
                                + encode(pick(random, VALUES, 1).get(0)) + "=1",
                        auth,
                        body));
                // path: each segment after the first replaced.
                String[] segments = base.substring(1).split("/");
                for (int s = 1; s < segments.length; s++) {
                    for (String v : pick(random, VALUES, 3)) {
                        String[] copy = segments.clone();
                        copy[s] = encodeSegment(v);
                        corpus.add(probe(
                                "path",
                                from,
                                method,
                                "/" + String.join("/", copy) + (q < 0 ? "" : path.substring(q)),
                                auth,
                                body));
                    }
                }
            }
            // accept: malformed media types on every route.
            for (String type : pick(random, MEDIA_TYPES, 4)) {
                corpus.add(probe("accept", from, method, path, concat(auth, new String[] {"Accept", type}), body));
            }
            // headers: the other headers the server reads.
            for (String[] h : pick(
                    random,
                    List.of(
                            new String[] {"Content-Type", "garbage"},
                            new String[] {"Content-Type", "application/json;charset=nope"},
                            new String[] {"Content-Type", "a/b/c"},
                            new String[] {"If-None-Match", "\"\u0001\""},
                            new String[] {"If-Match", "W/\"x\u0000\""},
                            new String[] {"If-Match", "\"99999999999999999999999\""},
                            new String[] {"Accept-Encoding", "gzip;q=abc, br;q=1e400"},
                            new String[] {"Content-Crs", "<\u0000>"},
                            new String[] {"Content-Crs", "<http://www.opengis.net/def/crs/EPSG/0/1e400>"},
                            new String[] {"Accept-Language", "\u00ff\u00fe"},
                            new String[] {"Range", "bytes=-99999999999999999999"},
                            new String[] {"If-Modified-Since", "yesterday"},
                            new String[] {"Origin", "null"},
                            new String[] {"Cookie", "JSESSIONID=\u0000; XSRF-TOKEN=\uD800"},
                            new String[] {"X-Forwarded-For", "1e400, ::::::"}),
                    3)) {
                corpus.add(probe("header", from, method, path, concat(auth, h), body));
            }
            // body: JSON documents that no parser should fail on, for every route that takes one.
            if (!method.equals("GET") && !method.equals("DELETE")) {
                List<String> bodies = signedIn ? unstorableBodies(random) : bodies(random, body);
                for (String b : bodies) {
                    corpus.add(probe("body", from, method, path, auth, b));
                }
            }
        }
        // cql2: filter literals and numbers, text and JSON, on the items and the export.
        for (String target : List.of(
                "/ogc/collections/projects/items",
                "/ogc/collections/parcels/items",
                "/api/export/projects?format=geojson",
                "/api/export/parcels?format=csv")) {
            String sep = target.contains("?") ? "&" : "?";
            for (String template : CQL2) {
                for (String v : pick(random, concat(VALUES, NUMBERS), 10)) {
                    String literal = v.startsWith("%RAW:") ? v : v.replace("'", "''");
                    corpus.add(probe(
                            "cql2",
                            ANONYMOUS_FROM,
                            "GET",
                            target + sep + "filter=" + encodeTemplate(template, literal),
                            List.of(),
                            null));
                }
            }
            for (String template : CQL2_JSON) {
                for (String v : pick(random, concat(VALUES, NUMBERS), 8)) {
                    String literal = v.startsWith("%RAW:") ? v : jsonEscape(v);
                    corpus.add(probe(
                            "cql2",
                            ANONYMOUS_FROM,
                            "GET",
                            target + sep + "filter-lang=cql2-json&filter=" + encodeTemplate(template, literal),
                            List.of(),
                            null));
                }
            }
            corpus.add(probe(
                    "cql2",
                    ANONYMOUS_FROM,
                    "GET",
                    target + sep + "filter-lang=cql2-json&filter=" + encode("[".repeat(10_000) + "]".repeat(10_000)),
                    List.of(),
                    null));
        }
        // auth: user names and passwords no account can have, Basic and form login; tokens.
        for (String v : VALUES) {
            if (v.startsWith("%RAW:")) {
                continue;
            }
            String credentials = Base64.getEncoder().encodeToString((v + ":" + v).getBytes(StandardCharsets.UTF_8));
            corpus.add(probe(
                    "auth",
                    ANONYMOUS_FROM,
                    "GET",
                    "/api/me",
                    List.of(new String[][] {{"Authorization", "Basic " + credentials}}),
                    null));
            corpus.add(probe(
                    "auth",
                    ANONYMOUS_FROM,
                    "GET",
                    "/api/me",
                    List.of(new String[][] {{"Authorization", "Bearer lq_" + v}}),
                    null));
            corpus.add(probe(
                    "auth",
                    ANONYMOUS_FROM,
                    "POST",
                    "/login",
                    List.of(new String[][] {{"Content-Type", "application/x-www-form-urlencoded"}}),
                    "username=" + encode(v) + "&password=" + encode(v)));
            corpus.add(probe(
                    "auth",
                    SIGNED_IN_FROM,
                    "POST",
                    "/api/me/tokens",
                    List.of(new String[][] {{"Authorization", admin}}),
                    "{\"name\":\"" + jsonEscape(v) + "\u0000\"}"));
        }
        corpus.add(probe(
                "auth",
                ANONYMOUS_FROM,
                "GET",
                "/api/me",
                List.of(new String[][] {{"Authorization", "Basic %%%"}}),
                null));
        corpus.add(probe(
                "auth",
                ANONYMOUS_FROM,
                "GET",
                "/api/me",
                List.of(new String[][] {{"Authorization", "Basic " + "A".repeat(6000)}}),
                null));
        // raw: bytes that are not UTF-8, NUL and control bytes in the request line and headers.
        for (String[] route : pick(random, routes, 40)) {
            String path = route[2];
            for (byte[] bad : List.of(
                    new byte[] {(byte) 0xFF},
                    new byte[] {(byte) 0xC3, 0x28},
                    new byte[] {0},
                    new byte[] {0x7F},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
                byte[] target = concat(
                        path.getBytes(StandardCharsets.UTF_8),
                        (path.contains("?") ? "&x=" : "?x=").getBytes(StandardCharsets.UTF_8),
                        bad);
                corpus.add(new Probe("raw", ANONYMOUS_FROM, "GET", target, List.of(), null));
            }
            corpus.add(new Probe(
                    "raw",
                    ANONYMOUS_FROM,
                    "GET",
                    path.getBytes(StandardCharsets.UTF_8),
                    List.of(new String[][] {{"X-Fuzz", "\u00ff\u0000\u0001"}}),
                    null));
        }
        return corpus;
    }

    /** Every decision's probes as [who, method, path, body]; write routes are probed signed in too, with bodies nothing can store. */
    private List<String[]> routes() {
        List<String[]> routes = new ArrayList<>();
        for (SecurityContract.Decision decision : SecurityContract.DECISIONS.values()) {
            for (String probe : decision.probes()) {
                String p = probe.replace("{INTERNAL}", internal)
                        .replace("{PARCEL}", parcel)
                        .replace("{ZONE}", "TDCB");
                String[] parts = p.startsWith("/") ? new String[] {"GET", p} : p.split(" ", 3);
                String body = parts.length > 2 ? parts[2] : null;
                routes.add(new String[] {"anonymous", parts[0], parts[1], body});
                if (decision.access() != SecurityContract.Access.PUBLIC
                        && decision.access() != SecurityContract.Access.PAGE) {
                    // Signed in, writes only where nothing can change: missing ids, or bodies refused before any write.
                    String path = parts[0].equals("GET")
                            ? parts[1]
                            : parts[1].replace(parcel, "FUZZ-NO-SUCH")
                                    .replace(internal, "FUZZ-NO-SUCH")
                                    .replace("/TDCB", "/FUZZ-NO-SUCH")
                                    .replace("/users/admin", "/users/fuzz-no-such-user");
                    routes.add(new String[] {
                        "signed-in", parts[0], path, parts[0].equals("GET") ? null : "{\"name\":\"x\\u0000\"}"
                    });
                }
            }
        }
        return routes;
    }

    private static List<String> bodies(Random random, String original) {
        List<String> bodies = new ArrayList<>(List.of(
                "[".repeat(10_000) + "]".repeat(10_000),
                "{\"a\":" + "{\"a\":".repeat(9_999) + "1" + "}".repeat(10_000),
                "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[1e400,NaN]}}",
                "{\"limit\":" + "9".repeat(400) + "}",
                "\u0000",
                "{\"\u0000\":1}",
                "{\"zone\":\"a\\u0000b\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[121.3,28.4],[121.7,28.4],[121.7,28.7],[121.3,28.4]]]}}",
                "{\"crs\":\"\\ud800\"}",
                "{\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1e308,1e308],[-1e308,-1e308]]}}"));
        if (original != null && original.startsWith("{")) {
            for (String v : pick(random, VALUES, 6)) {
                if (!v.startsWith("%RAW:")) {
                    bodies.add(
                            original.replaceFirst("\"geometry\"", "\"zone\":\"" + jsonEscape(v) + "\",\"geometry\""));
                }
            }
            for (String n : pick(random, NUMBERS, 3)) {
                bodies.add(original.replaceFirst("121\\.\\d+", n));
            }
        }
        return bodies;
    }

    /** Bodies every write refuses before it writes: unparseable, or carrying text no database column can hold. */
    private static List<String> unstorableBodies(Random random) {
        List<String> bodies = new ArrayList<>(List.of(
                "[".repeat(10_000) + "]".repeat(10_000),
                "{\"name\":\"x\\u0000\"}",
                "{\"type\":\"Feature\",\"properties\":{\"name_zh\":\"a\\u0000b\"},\"geometry\":null}",
                "{\"username\":\"u\\u0000\",\"password\":\"p\"}",
                "{\"to\":\"竣工\",\"note\":\"\\u0000\"}",
                "{\"properties\":{\"\\u0000\":1}}",
                "{\"roles\":[\"\\ud800\"]}"));
        for (String v : pick(random, VALUES, 3)) {
            if (!v.startsWith("%RAW:") && (v.contains("\u0000") || v.contains("\uD800") || v.contains("\uDC00"))) {
                bodies.add("{\"type\":\"Feature\",\"properties\":{\"name_zh\":\"" + jsonEscape(v) + "\"}}");
            }
        }
        return bodies;
    }

    // ---------------------------------------------------------------- the findings, one by one

    @Test
    void aMalformedAcceptHeaderOnEveryOgcEndpointIsA4xxProblem() {
        RawHttp client = new RawHttp(port, "127.0.0.1");
        int checked = 0;
        for (SecurityContract.Decision decision : SecurityContract.DECISIONS.values()) {
            for (String probe : decision.probes()) {
                if (!probe.startsWith("/ogc") || probe.contains("f=")) {
                    continue;
                }
                String path = probe.replace("{INTERNAL}", internal).replace("{PARCEL}", parcel);
                for (String accept : List.of("*/*;q=abc", "garbage", "a/b/c")) {
                    RawHttp.Response r = client.get(path, "Accept", accept);
                    // Tiles do not negotiate (200); everything else refuses the header: a 4xx problem, never a 500.
                    assertThat(r.status())
                            .as("%s with Accept: %s", path, accept)
                            .isLessThan(500);
                    if (r.status() >= 400) {
                        assertThat(r.header("Content-Type"))
                                .as("%s with Accept: %s", path, accept)
                                .startsWith("application/problem+json");
                    }
                    assertThat(r.text()).doesNotContain("Exception").doesNotContain("at org.");
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(30);
    }

    @Test
    void aNulCharacterInACql2StringLiteralIsA400NamingTheFilter() {
        for (String query : List.of(
                "filter=" + encode("name_zh = 'a\u0000b'"),
                "filter-lang=cql2-json&filter="
                        + encode("{\"op\":\"=\",\"args\":[{\"property\":\"name_zh\"},\"a\\u0000b\"]}"),
                "filter-lang=cql2-json&filter="
                        + encode("{\"op\":\"=\",\"args\":[{\"property\":\"name_zh\"},\"a\\ud800b\"]}"))) {
            RawHttp.Response r = new RawHttp(port, "127.0.0.1").get("/ogc/collections/projects/items?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().path("parameter").asString()).as(query).isEqualTo("filter");
        }
    }

    @Test
    void numbersNoDoubleCanHoldAreA400InCql2OnEveryBackend() {
        for (String filter : List.of(
                "area_m2 > 1e400",
                "area_m2 > -1e400",
                "area_m2 < 1e-400",
                "area_m2 > 1e9999999999",
                "area_m2 BETWEEN 0 AND 1e400")) {
            RawHttp.Response r =
                    new RawHttp(port, "127.0.0.1").get("/ogc/collections/parcels/items?filter=" + encode(filter));
            assertThat(r.status()).as(filter).isEqualTo(400);
            assertThat(r.json().path("parameter").asString()).isEqualTo("filter");
            assertThat(r.json().path("detail").asString()).as(filter).contains("out of range");
        }
        RawHttp.Response json = new RawHttp(port, "127.0.0.1")
                .get("/ogc/collections/parcels/items?filter-lang=cql2-json&filter="
                        + encode("{\"op\":\">\",\"args\":[{\"property\":\"area_m2\"},1e400]}"));
        assertThat(json.status()).isEqualTo(400);
        assertThat(new RawHttp(port, "127.0.0.1")
                        .get("/ogc/collections/parcels/items?limit=1&filter=" + encode("area_m2 > 1e300"))
                        .status())
                .as("a large number a double holds is fine")
                .isEqualTo(200);
    }

    @Test
    void aNulCharacterInAnAnalysisZoneIsA400NamingIt() {
        RawHttp.Response r = new RawHttp(port, "127.0.0.1")
                .send(
                        "POST",
                        "/api/analysis/parcels",
                        "{\"zone\":\"TD\\u0000CB\",\"geometry\":"
                                + "{\"type\":\"Polygon\",\"coordinates\":[[[121.30,28.40],[121.70,28.40],[121.70,28.70],[121.30,28.40]]]}}");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("parameter").asString()).isEqualTo("body/zone");
    }

    @Test
    void aNulCharacterInABasicUserNameIsA401() {
        RawHttp.Response r = new RawHttp(port, "127.0.0.23").getAs("ad\u0000min:test-admin-password", "/api/me/tokens");
        assertThat(r.status()).as(r.text()).isEqualTo(401);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aNulCharacterInAFormLoginUserNameIsA400() {
        RawHttp browser = new RawHttp(port, "127.0.0.23").withCookies();
        String csrf = browser.get("/api/me").json().path("csrf").path("token").asString();
        RawHttp.Response r = browser.send(
                "POST",
                "/login",
                "username=ad%00min&password=test-admin-password&_csrf=" + csrf,
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("parameter").asString()).isEqualTo("username");
    }

    @Test
    void aNulCharacterInATokenNameIsA400NamingIt() {
        RawHttp.Response r = new RawHttp(port, SIGNED_IN_FROM)
                .send("POST", "/api/me/tokens", "{\"name\":\"qgis\\u0000\"}", "Authorization", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().path("parameter").asString()).isEqualTo("name");
    }

    @Test
    void aNulCharacterInAnExportFilterIsA400() {
        RawHttp.Response r = new RawHttp(port, "127.0.0.1")
                .get("/api/export/projects?format=geojson&filter=" + encode("name_zh = 'a\u0000'"));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void theErrorPageAskedForDirectlyIsA404Problem() {
        RawHttp.Response r = new RawHttp(port, "127.0.0.1").get("/error");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        RawHttp.Response html = new RawHttp(port, "127.0.0.1").get("/error", "Accept", "text/html");
        assertThat(html.status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- sending

    private List<Outcome> send(List<Probe> corpus) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Probe p : corpus) {
                futures.add(pool.submit(() -> exchange(p)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    Outcome exchange(Probe p) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes((p.method() + " ").getBytes(StandardCharsets.US_ASCII));
        head.writeBytes(p.target());
        head.writeBytes((" HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        boolean contentType = false;
        for (String[] h : p.headers()) {
            // Header values go out as UTF-8 bytes, control characters and all.
            head.writeBytes((h[0] + ": " + h[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            contentType |= h[0].equalsIgnoreCase("Content-Type");
        }
        if (p.body() != null) {
            if (!contentType) {
                head.writeBytes("Content-Type: application/json\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            head.writeBytes(("Content-Length: " + p.body().length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        } else if (!p.method().equals("GET")) {
            head.writeBytes("Content-Length: 0\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(p.from()), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            if (p.body() != null) {
                out.write(p.body());
            }
            out.flush();
            return parse(p, socket.getInputStream());
        } catch (IOException e) {
            // The server closed the connection (a reset while the request was still being sent): no answer, no 5xx.
            return new Outcome(p, 0, "", String.valueOf(e.getMessage()));
        }
    }

    private static Outcome parse(Probe p, InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            return new Outcome(p, 0, "", new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        boolean chunked = false;
        boolean gzip = false;
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).strip();
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            gzip |= lower.startsWith("content-encoding:") && lower.contains("gzip");
        }
        byte[] body = Arrays.copyOfRange(all, end + 4, all.length);
        if (chunked) {
            body = dechunk(body);
        }
        return new Outcome(p, status, contentType, gzip ? "" : new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, "\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(
                    new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            at = lineEnd + 2;
            out.write(body, at, Math.min(size, body.length - at));
            at += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---------------------------------------------------------------- helpers

    private static Probe probe(
            String family, String from, String method, String target, List<String[]> headers, String body) {
        return new Probe(
                family,
                from,
                method,
                target.getBytes(StandardCharsets.UTF_8),
                headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    static <T> List<T> pick(Random random, List<T> from, int n) {
        List<T> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    @SafeVarargs
    static <T> List<T> concat(List<T> a, T... more) {
        List<T> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all;
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String replace(List<String[]> params, int index, String value) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            pairs.add(params.get(i)[0] + "=" + (i == index ? encode(value) : params.get(i)[1]));
        }
        return String.join("&", pairs);
    }

    /** A value for a URL: percent-encoded as UTF-8, or as given for {@code %RAW:} values. */
    static String encode(String value) {
        return value.startsWith("%RAW:") ? value.substring(5) : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String encodeSegment(String value) {
        return encode(value).replace("+", "%20");
    }

    /** The template with {@code %s} filled by the literal, percent-encoded; a {@code %RAW:} literal goes in as is. */
    static String encodeTemplate(String template, String literal) {
        if (!literal.startsWith("%RAW:")) {
            return encode(template.replace("%s", literal));
        }
        String[] parts = template.split("%s", -1);
        StringBuilder out = new StringBuilder(encode(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            out.append(literal.substring(5)).append(encode(parts[i]));
        }
        return out.toString();
    }

    static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isText(String contentType) {
        return contentType.isEmpty()
                || contentType.contains("json")
                || contentType.startsWith("text/")
                || contentType.contains("xml");
    }

    /**
     * Tomcat's own 400 page, for requests it refuses before any filter or servlet runs (a malformed URI
     * escape, an encoded slash, a control character in a cookie): HTML without server details or report,
     * still checked for stack frames. Making it a problem too is left to a Tomcat error-report valve.
     */
    /**
     * The WMTS answers in its standard's terms: an OWS ExceptionReport (XML), and for an operation it does not
     * offer {@code OperationNotSupported} with 501, as WMTS 1.0 gives it: a refusal, not a failure.
     */
    private static boolean owsExceptionReport(Outcome o) {
        return new String(o.probe().target(), StandardCharsets.ISO_8859_1).startsWith("/wmts")
                && o.contentType().startsWith("application/xml")
                && o.body().contains("<ows:ExceptionReport")
                && (o.status() < 500 || o.status() == 501 && o.body().contains("\"OperationNotSupported\""));
    }

    private static boolean tomcatPage(Outcome o) {
        return o.status() == 400 && o.contentType().startsWith("text/html");
    }

    /** In a 2xx body (or Tomcat's page) only a Java stack frame is a leak (HTML and data may name anything). */
    private static String stackOnly(String body) {
        return body.contains("\tat ") || body.contains("\n\tat ") || body.contains("<pre>") ? body : "";
    }

    static String abbreviate(String s) {
        String oneLine = s.replaceAll("[\\x00-\\x1f]", "·");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
