package luqiao.map.store;

import java.util.List;

/**
 * One group of {@link SpatialStore#totals}: the group's key values in the order they were asked
 * for ({@code null} where the rows have none), how many rows it holds and the sum of the summed field.
 */
public record GroupTotal(List<String> keys, long count, double sum) {

    public GroupTotal {
        keys = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keys));
    }

    /** The i-th key value; null when the rows have none. */
    public String key(int i) {
        return keys.get(i);
    }
}
