package luqiao.map.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import luqiao.map.support.Caller;
import luqiao.map.support.NpmPackages;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The map style ({@code /styles/luqiao.json}) over real HTTP, for the public and for staff: valid by MapLibre's
 * own validator, pointing at this server's tiles, reading only attributes those tiles carry for the caller,
 * naming only the stages the caller sees, and linked from TileJSON and the OGC tilesets.
 */
abstract class MapStyleContract {

    static final String STYLE = "/styles/luqiao.json";

    @LocalServerPort
    int port;

    @Test
    void mapLibresValidatorFindsNoErrorInEitherAudiencesStyle() throws IOException {
        Path validator = NpmPackages.installed(NpmPackages.STYLE_SPEC).resolve("dist/gl-style-validate.mjs");
        Path folder = Files.createDirectories(Path.of("target", "map-style").toAbsolutePath());
        for (Map.Entry<String, Caller> caller :
                Map.of("public", Caller.anonymous(port), "staff", staff()).entrySet()) {
            Caller.Answer style = caller.getValue().get(STYLE);
            assertThat(style.status()).isEqualTo(200);
            assertThat(style.header("Content-Type")).startsWith("application/json");
            Path file = folder.resolve("luqiao-" + port + "-" + caller.getKey() + ".json");
            Files.write(file, style.bytes());
            NpmPackages.Run run = NpmPackages.run(folder, List.of("node", validator.toString(), file.toString()));
            assertThat(run.output()).as("gl-style-validate %s", file).isBlank();
            assertThat(run.exitCode()).as("gl-style-validate %s", file).isZero();
        }
    }

    @Test
    void theStyleNamesThisServersTileJsonAndReadsOnlyAttributesItsTilesCarry() {
        for (Caller caller : List.of(Caller.anonymous(port), staff())) {
            JsonNode style = caller.get(STYLE).json();
            String tileJsonUrl =
                    style.path("sources").path("luqiao").path("url").asString();
            assertThat(tileJsonUrl).isEqualTo("http://localhost:" + port + "/tiles/all.json");
            JsonNode tileJson = caller.get(tileJsonUrl.substring(tileJsonUrl.indexOf("/tiles/")))
                    .json();
            Map<String, Set<String>> fields = new HashMap<>();
            tileJson.path("vector_layers")
                    .forEach(l -> fields.put(
                            l.path("id").asString(),
                            new TreeSet<>(l.path("fields").propertyNames())));
            assertThat(style.path("layers").size()).isGreaterThanOrEqualTo(9);
            for (JsonNode layer : style.path("layers")) {
                String sourceLayer = layer.path("source-layer").asString();
                assertThat(fields)
                        .as("layer %s reads a layer of the tiles", layer.path("id"))
                        .containsKey(sourceLayer);
                assertThat(fields.get(sourceLayer))
                        .as("attributes layer %s reads", layer.path("id"))
                        .containsAll(reads(layer));
            }
        }
    }

    @Test
    void thePublicsStyleColoursOnlyThePublicStagesAndStaffsEveryStage() {
        assertThat(stagesColoured(Caller.anonymous(port).get(STYLE).json())).containsExactlyInAnyOrder("开工", "竣工");
        assertThat(Caller.anonymous(port).get(STYLE).text())
                .doesNotContain("谋划")
                .doesNotContain("前期")
                .doesNotContain("招引");
        assertThat(stagesColoured(staff().get(STYLE).json())).containsExactlyInAnyOrder("谋划", "前期", "招引", "开工", "竣工");
    }

    @Test
    void tileJsonAndTheOgcTilesetsLinkTheStyle() {
        String href = "http://localhost:" + port + STYLE;
        Caller anonymous = Caller.anonymous(port);
        for (String path : List.of(
                "/tiles/all.json",
                "/tiles/parcels.json",
                "/ogc/collections/parcels/tiles/WebMercatorQuad",
                "/ogc/collections/projects/tiles/WebMercatorQuad")) {
            assertThat(stylesheets(anonymous.get(path).json().path("links")))
                    .as(path)
                    .containsExactly(href);
        }
        for (JsonNode tileset :
                anonymous.get("/ogc/collections/zones/tiles").json().path("tilesets")) {
            assertThat(stylesheets(tileset.path("links"))).containsExactly(href);
        }
        // A client that asks for the style by its OGC API – Styles media type gets it too.
        Caller.Answer typed = anonymous.send("GET", STYLE, null, "Accept", "application/vnd.mapbox.style+json");
        assertThat(typed.status()).isEqualTo(200);
        assertThat(typed.json().path("version").asInt()).isEqualTo(8);
    }

    private Caller staff() {
        return new Caller(port, "admin:test-admin-password");
    }

    private static List<String> stylesheets(JsonNode links) {
        List<String> hrefs = new ArrayList<>();
        links.forEach(l -> {
            if (l.path("rel").asString().equals("stylesheet")) {
                assertThat(l.path("type").asString()).isEqualTo("application/vnd.mapbox.style+json");
                hrefs.add(l.path("href").asString());
            }
        });
        return hrefs;
    }

    /**
     * The stages the projects' layers name: the labels of their colour {@code match} on {@code stage} ({@code
     * [labels], colour, …}), and the stage each point layer filters.
     */
    private static Set<String> stagesColoured(JsonNode style) {
        Set<String> stages = new TreeSet<>();
        for (JsonNode layer : style.path("layers")) {
            if (!layer.path("source-layer").asString().equals("projects")) {
                continue;
            }
            JsonNode colour = layer.path("paint").path(layer.path("type").asString() + "-color");
            if (colour.isArray()) {
                assertThat(colour.get(1).toString()).isEqualTo("[\"get\",\"stage\"]");
                for (int i = 2; i < colour.size() - 1; i += 2) {
                    colour.get(i).forEach(label -> stages.add(label.asString()));
                }
            } else {
                JsonNode stage = layer.path("filter").get(2);
                assertThat(stage.get(1).toString()).isEqualTo("[\"get\",\"stage\"]");
                stages.add(stage.get(2).asString());
            }
        }
        return stages;
    }

    /** Every attribute a layer's expressions {@code get}. */
    private static Set<String> reads(JsonNode node) {
        Set<String> names = new TreeSet<>();
        if (node.isArray()
                && node.size() == 2
                && node.get(0).isString()
                && node.get(0).asString().equals("get")) {
            names.add(node.get(1).asString());
        }
        node.forEach(child -> names.addAll(reads(child)));
        return names;
    }
}
