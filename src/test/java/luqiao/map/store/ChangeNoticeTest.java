package luqiao.map.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import luqiao.map.catalog.Layer;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/** The NOTIFY payload of a change: read back as written, and below PostgreSQL's 8000 bytes however large the change. */
class ChangeNoticeTest {

    @Test
    void aPayloadReadsBackAsTheNoticeItCameFrom() {
        List<Envelope> envelopes =
                List.of(new Envelope(121.35, 121.36, 28.59, 28.60), new Envelope(121.4, 121.41, 28.5, 28.51));
        ChangeNotice notice = new ChangeNotice("instance-a", Layer.PARCELS, envelopes);

        ChangeNotice read = ChangeNotice.parse(notice.payload()).orElseThrow();

        assertThat(read.instance()).isEqualTo("instance-a");
        assertThat(read.layer()).isEqualTo(Layer.PARCELS);
        assertThat(read.envelopes()).isEqualTo(envelopes);
    }

    @Test
    void aChangeWithoutEnvelopesStaysOne() {
        ChangeNotice read = ChangeNotice.parse(new ChangeNotice("a", Layer.ZONES, List.of()).payload())
                .orElseThrow();
        assertThat(read.layer()).isEqualTo(Layer.ZONES);
        assertThat(read.envelopes()).isEmpty();
    }

    @Test
    void tooManyEnvelopesAreMergedIntoTheOneCoveringThemAll() {
        List<Envelope> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(new Envelope(121.0 + i * 1e-5, 121.0 + i * 1e-5 + 1e-6, 28.2, 28.3 + i * 1e-6));
        }
        String payload = new ChangeNotice("instance-a", Layer.PARCELS, many).payload();

        assertThat(payload.getBytes(StandardCharsets.UTF_8)).hasSizeLessThan(8000);
        Envelope all = new Envelope();
        many.forEach(all::expandToInclude);
        assertThat(ChangeNotice.parse(payload).orElseThrow().envelopes()).containsExactly(all);
    }

    @Test
    void anotherProgramsNoticeIsNoChange() {
        assertThat(ChangeNotice.parse("hello")).isEmpty();
        assertThat(ChangeNotice.parse("a|no-such-layer|")).isEmpty();
        assertThat(ChangeNotice.parse("a|parcels|1,2,x,4")).isEmpty();
    }
}
