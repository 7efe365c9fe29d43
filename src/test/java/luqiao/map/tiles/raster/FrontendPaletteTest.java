package luqiao.map.tiles.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web map (frontend/js/style.js) draws in the colours of the PNG tiles, the print sheets and the map
 * style, which all take theirs from {@link Palette}: a planner comparing the web map with a printed 专题图 or a
 * desktop GIS must see the same class in the same colour.
 */
class FrontendPaletteTest {

    private static final Path STYLE_JS = Path.of("frontend/js/style.js");

    @Test
    void landUseClassesHaveThePaletteColours() throws IOException {
        Map<String, String> frontend = pairs(
                section("export const LANDUSE = [", "];"),
                Pattern.compile("\\['(\\d{2})', '[^']+', '(#[0-9a-f]{6})'\\]"));
        assertThat(frontend).hasSizeGreaterThanOrEqualTo(15);
        frontend.forEach((code, colour) ->
                assertThat(colour).as("land-use class %s", code).isEqualTo(hex(Palette.LAND_USE.get(code))));
    }

    @Test
    void stagesAndZoneKindsHaveThePaletteColours() throws IOException {
        Pattern entry = Pattern.compile("'?([\\p{L}_]+)'?: '(#[0-9a-f]{6})'");
        Map<String, String> stages = pairs(section("export const STAGE_COLOURS = {", "};"), entry);
        Map<String, String> zones = pairs(section("export const ZONE_COLOURS = {", "};"), entry);
        assertThat(stages.keySet()).containsExactlyInAnyOrderElementsOf(Palette.STAGES.keySet());
        assertThat(zones.keySet()).containsExactlyInAnyOrderElementsOf(Palette.ZONE_KINDS.keySet());
        stages.forEach(
                (stage, colour) -> assertThat(colour).as("stage %s", stage).isEqualTo(hex(Palette.STAGES.get(stage))));
        zones.forEach((kind, colour) ->
                assertThat(colour).as("zone kind %s", kind).isEqualTo(hex(Palette.ZONE_KINDS.get(kind))));
    }

    private static String section(String start, String end) throws IOException {
        String js = Files.readString(STYLE_JS);
        int from = js.indexOf(start);
        assertThat(from).as("%s in %s", start, STYLE_JS).isNotNegative();
        return js.substring(from + start.length(), js.indexOf(end, from));
    }

    private static Map<String, String> pairs(String text, Pattern pattern) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        return found;
    }

    private static String hex(Color colour) {
        assertThat(colour).isNotNull();
        return String.format("#%06x", colour.getRGB() & 0xffffff);
    }
}
