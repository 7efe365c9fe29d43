package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.List;
import luqiao.map.support.Caller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The investment map over real HTTP: the parcels on offer (储备, 做地) as the database holds them,
 * filtered by area and land use, public whoever asks (no owner), with the configured contact line;
 * the page may be framed like the embed.
 */
abstract class InvestContract extends BackendContract {

    static final String OFFERED = "status IN ('储备', '做地')";
    static final double M2_PER_MU = 10000.0 / 15.0;

    @Test
    void theOfferIsEveryReserveAndPreparedParcelWithPublicFieldsOnly() {
        long offered = jdbc.queryForObject("SELECT COUNT(*) FROM parcels WHERE " + OFFERED, Long.class);
        double mu = jdbc.queryForObject("SELECT SUM(area_m2) FROM parcels WHERE " + OFFERED, Double.class) / M2_PER_MU;
        for (Caller caller : List.of(
                Caller.anonymous(port),
                DashboardContract.newUser(port, "LAND_STAFF"),
                new Caller(port, DashboardContract.ADMIN))) {
            Caller.Answer a = caller.get("/api/invest/parcels");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.header("Content-Type")).startsWith("application/geo+json");
            assertThat(a.text())
                    .as("never the owner, whoever asks")
                    .doesNotContain("owner")
                    .doesNotContain("土地储备中心");
            JsonNode json = a.json();
            assertThat(json.path("numberReturned").asLong())
                    .isEqualTo(offered)
                    .isEqualTo(json.path("features").size());
            assertThat(json.path("area_mu").asDouble()).isCloseTo(mu, within(0.01));
            assertThat(json.path("contact").asString()).startsWith("投资咨询");
            double previous = Double.MAX_VALUE;
            for (JsonNode f : json.path("features")) {
                JsonNode p = f.path("properties");
                assertThat(p.path("status").asString()).isIn("储备", "做地");
                assertThat(p.path("area_m2").asDouble()).as("largest first").isLessThanOrEqualTo(previous);
                previous = p.path("area_m2").asDouble();
                assertThat(p.has("landuse_code") && p.has("town") && p.has("zone") && p.has("area_mu"))
                        .isTrue();
            }
        }
        JsonNode sample = Caller.anonymous(port)
                .get("/api/invest/parcels")
                .json()
                .path("features")
                .get(0);
        String zone = jdbc
                .queryForList(
                        "SELECT z.code FROM zones z, parcels p WHERE p.parcel_no = ? AND z.is_public = TRUE"
                                + " AND z.kind <> 'district' AND ST_Contains(z.geom, ST_PointOnSurface(p.geom)) ORDER BY z.area_m2",
                        String.class,
                        sample.path("id").asString())
                .stream()
                .findFirst()
                .orElse(null);
        assertThat(
                        sample.path("properties").path("zone").isNull()
                                ? null
                                : sample.path("properties").path("zone").asString())
                .isEqualTo(zone);
    }

    @Test
    void areaRangeAndLandUseFilterTheOffer() {
        Caller anonymous = Caller.anonymous(port);
        JsonNode ranged =
                anonymous.get("/api/invest/parcels?min_mu=10&max_mu=20").json();
        long expected = jdbc.queryForObject(
                "SELECT COUNT(*) FROM parcels WHERE " + OFFERED + " AND area_m2 >= ? AND area_m2 <= ?",
                Long.class,
                10 * M2_PER_MU,
                20 * M2_PER_MU);
        assertThat(ranged.path("numberReturned").asLong()).isEqualTo(expected).isPositive();
        ranged.path("features")
                .forEach(f -> assertThat(f.path("properties").path("area_mu").asDouble())
                        .isBetween(9.9999, 20.0001));

        JsonNode industrial =
                anonymous.get("/api/invest/parcels?landuse=10,0701").json();
        long l1 = jdbc.queryForObject(
                "SELECT COUNT(*) FROM parcels WHERE " + OFFERED
                        + " AND (landuse_l1_code = '10' OR landuse_code = '0701')",
                Long.class);
        assertThat(industrial.path("numberReturned").asLong()).isEqualTo(l1).isPositive();
        industrial.path("features").forEach(f -> assertThat(
                        f.path("properties").path("landuse_l1_code").asString()
                                + f.path("properties").path("landuse_code").asString())
                .matches("10.*|070701"));

        Caller.Answer csv = anonymous.get("/api/invest/parcels?min_mu=10&max_mu=20&format=csv");
        String text = new String(csv.bytes(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFparcel_no,").doesNotContain("owner");
        assertThat(text.split("\r\n")).hasSize((int) expected + 1);
    }

    @Test
    void badFiltersAreProblemsNamingTheParameter() {
        Caller anonymous = Caller.anonymous(port);
        for (String[] c : List.of(
                new String[] {"min_mu=-1", "min_mu"},
                new String[] {"max_mu=abc", "max_mu"},
                new String[] {"min_mu=20&max_mu=10", "min_mu"},
                new String[] {"landuse=07%27%20OR%201=1", "landuse"},
                new String[] {"format=xml", "format"})) {
            Caller.Answer a = anonymous.get("/api/invest/parcels?" + c[0]);
            assertThat(a.status()).as(c[0]).isEqualTo(400);
            assertThat(a.header("Content-Type")).startsWith("application/problem+json");
            assertThat(a.json().path("parameter").asString()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void theInvestmentMapMayBeFramedLikeTheEmbedAndTheDashboardMayNot() {
        Caller anonymous = Caller.anonymous(port);
        Caller.Answer invest = anonymous.get("/invest?embed=1");
        assertThat(invest.status()).isEqualTo(200);
        assertThat(invest.text()).contains("/js/invest.js");
        assertThat(invest.header("Content-Security-Policy"))
                .isEqualTo("frame-ancestors 'self' https://embed.example.org");
        Caller.Answer dashboard = anonymous.get("/dashboard");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.text()).contains("/js/dashboard.js");
        assertThat(dashboard.header("Content-Security-Policy")).isEqualTo("frame-ancestors 'none'");
        assertThat(dashboard.header("X-Frame-Options")).isEqualTo("DENY");
    }
}
