package luqiao.map.editing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import luqiao.map.catalog.Layer;
import luqiao.map.web.ProblemException;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * A batch status change of parcels as its request body says it:
 * {@code {"status": "出让", "parcels": [{"id": "…", "version": 3}, …]}}. Each parcel names the version
 * its writer read, as a single edit's {@code If-Match} does; without one the batch is refused (428), as
 * it could overwrite unseen changes. Every other refusal is a 422 naming the {@code field}.
 *
 * @param expected each parcel's id and the version it was read at, in the order given
 */
record StatusBatch(String status, Map<String, Long> expected) {

    static StatusBatch read(JsonNode body, int max, Choices choices) {
        if (!body.isObject()) {
            throw invalid(
                    "body",
                    "the body must be a JSON object {\"status\": …, \"parcels\": [{\"id\": …, \"version\": …}]}");
        }
        JsonNode status = body.path("status");
        List<String> statuses = choices.of(Layer.PARCELS, "status").orElseThrow();
        if (!status.isString() || !statuses.contains(status.asString())) {
            throw invalid("status", "status must be one of " + String.join(", ", statuses));
        }
        JsonNode parcels = body.path("parcels");
        if (!parcels.isArray() || parcels.isEmpty()) {
            throw invalid("parcels", "parcels must be a non-empty list of {\"id\": …, \"version\": …}");
        }
        if (parcels.size() > max) {
            throw new ProblemException(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "Too many parcels",
                            "a batch changes at most " + max + " parcels; this one names " + parcels.size()
                                    + ": split it")
                    .with("field", "parcels")
                    .with("max", max);
        }
        Map<String, Long> expected = new LinkedHashMap<>();
        for (JsonNode parcel : parcels) {
            JsonNode id = parcel.path("id");
            if (!id.isString() || id.asString().isBlank()) {
                throw invalid("parcels", "every parcel needs its id, a string");
            }
            JsonNode version = parcel.path("version");
            if (!version.canConvertToLong() || !version.isIntegralNumber()) {
                throw new ProblemException(
                                HttpStatus.PRECONDITION_REQUIRED,
                                "Versions required",
                                "parcel " + id.asString() + " has no version: send the version of each parcel you"
                                        + " read (its ETag), so a change made meanwhile by someone else is not overwritten")
                        .with("field", "parcels");
            }
            if (expected.put(id.asString(), version.longValue()) != null) {
                throw invalid("parcels", "parcel " + id.asString() + " is named twice");
            }
        }
        return new StatusBatch(status.asString(), expected);
    }

    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid batch", detail).with("field", field);
    }
}
