package luqiao.map.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * JSON in and out of controllers, written once: answers are records serialised by the
 * application's mapper (or GeoJSON streamed by {@code geojson.GeoJsonWriter}), and request bodies
 * are read under a bound, past which {@link BodyTooLargeException} is the one 413.
 */
@Component
public final class JsonBodies {

    public static final String GEO_JSON_VALUE = "application/geo+json";
    public static final MediaType GEO_JSON = MediaType.parseMediaType(GEO_JSON_VALUE);

    private final ObjectMapper json;

    public JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    /** A 200 with {@code answer} (a record, list or map) serialised as {@code type}. */
    public ResponseEntity<byte[]> ok(MediaType type, Object answer) {
        return ResponseEntity.ok().contentType(type).body(bytes(answer));
    }

    /** A 200 whose JSON is streamed by {@code body} (GeoJSON through the one writer). */
    public ResponseEntity<byte[]> ok(MediaType type, Consumer<JsonGenerator> body) {
        return ResponseEntity.ok().contentType(type).body(bytes(body));
    }

    /** {@code answer} (a record, list or map) serialised, for answers that need more headers than {@link #ok}. */
    public byte[] bytes(Object answer) {
        return json.writeValueAsBytes(answer);
    }

    /** The JSON that {@code body} writes, as bytes. */
    public byte[] bytes(Consumer<JsonGenerator> body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = json.createGenerator(bytes)) {
            body.accept(out);
        }
        return bytes.toByteArray();
    }

    /**
     * {@code body} parsed as JSON; a {@link JacksonException} when it is not JSON, a 400 naming
     * {@code body} when a string in it cannot be stored ({@link RequestText}).
     */
    public JsonNode readTree(byte[] body) {
        return RequestText.check("body", json.readTree(body));
    }

    /**
     * The request body as a JSON object: 413 past {@code max} bytes (declared or read), 400 naming
     * {@code body} when it is empty ({@code required} says what is expected), not JSON, or not an object.
     */
    public JsonNode readObject(HttpServletRequest request, long max, String required) throws IOException {
        if (request.getContentLengthLong() > max) {
            throw new BodyTooLargeException(max);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = request.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
                if (bytes.size() > max) {
                    throw new BodyTooLargeException(max);
                }
            }
        }
        if (bytes.size() == 0) {
            throw new InvalidParameterException("body", "body is required: " + required);
        }
        JsonNode body;
        try {
            body = json.readTree(bytes.toByteArray());
        } catch (JacksonException e) {
            throw new InvalidParameterException("body", "body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new InvalidParameterException("body", "body must be " + required);
        }
        return RequestText.check("body", body);
    }
}
