package luqiao.map.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** The CSV reader: RFC 4180 quoting, byte-order mark, WKT or lon/lat columns, rows that do not fit. */
class CsvSourceTest {

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws IOException {
        Path file = Files.createTempFile("t", ".csv");
        Files.writeString(
                file,
                "\uFEFFcode,name_zh,WKT\r\nP1,\"甲, \"\"乙\"\"\n丙\",\"POLYGON((0 0, 1 0, 1 1, 0 0))\"\r\n\r\nP2,x,\r\nP3\r\n",
                StandardCharsets.UTF_8);
        try (CsvSource csv = new CsvSource(file, StandardCharsets.UTF_8)) {
            assertThat(csv.fields()).containsExactly("code", "name_zh");
            SourceRow first = csv.next();
            assertThat(first.values()).containsEntry("code", "P1").containsEntry("name_zh", "甲, \"乙\"\n丙");
            assertThat(first.geometry()).isInstanceOf(Polygon.class);
            SourceRow second = csv.next();
            assertThat(second.number()).isEqualTo(2);
            assertThat(second.problem()).isEqualTo("the row has no geometry");
            assertThat(csv.next().problem()).contains("has 1 fields, the header 3");
            assertThat(csv.next()).isNull();
        }
    }

    @Test
    void lonLatColumnsMakePointsAndAFileWithoutGeometryIsRefused() throws IOException {
        Path file = Files.createTempFile("t", ".csv");
        Files.writeString(file, "id,Longitude,Latitude\n1,121.4,28.5\n2,abc,28.5\n");
        try (CsvSource csv = new CsvSource(file, StandardCharsets.UTF_8)) {
            Point p = (Point) csv.next().geometry();
            assertThat(p.getX()).isEqualTo(121.4);
            assertThat(p.getY()).isEqualTo(28.5);
            assertThat(csv.next().problem()).startsWith("unreadable geometry");
        }
        Files.writeString(file, "id,name\n1,x\n");
        assertThatThrownBy(() -> new CsvSource(file, StandardCharsets.UTF_8)).hasMessageContaining("no geometry");
    }
}
