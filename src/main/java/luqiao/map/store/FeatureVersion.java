package luqiao.map.store;

import java.time.OffsetDateTime;

/**
 * One change of a feature: the version it produced, what was done, by whom and when, and the
 * feature before and after as GeoJSON text (every field, geometry at full precision, plus its
 * {@code version} and {@code deleted_at}); {@code before} is null for a create.
 */
public record FeatureVersion(
        long version, Action action, String actor, OffsetDateTime changedAt, String beforeJson, String afterJson) {}
