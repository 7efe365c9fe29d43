package luqiao.map.editing;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7396) applied to a feature's GeoJSON, as OGC API – Features Part 4 asks: members
 * of the patch replace those of the feature, objects merge member by member, {@code null} removes, and
 * the {@code geometry} is a GeoJSON geometry that replaces the stored one whole.
 */
final class MergePatch {

    private MergePatch() {}

    /** The feature with the patch applied; {@code feature} itself is left unchanged. */
    static JsonNode apply(JsonNode feature, JsonNode patch) {
        JsonNode merged = merge(feature.deepCopy(), patch);
        JsonNode geometry = patch.get("geometry");
        if (geometry != null && !geometry.isNull() && merged instanceof ObjectNode object) {
            object.set("geometry", geometry);
        }
        return merged;
    }

    /** RFC 7396, section 2, MergePatch(Target, Patch). */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                JsonNode current = result.get(member.getKey());
                result.set(
                        member.getKey(),
                        merge(current == null ? JsonNodeFactory.instance.objectNode() : current, member.getValue()));
            }
        }
        return result;
    }
}
