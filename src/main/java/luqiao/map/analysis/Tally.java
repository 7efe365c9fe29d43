package luqiao.map.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group in a breakdown: a key (land-use code, status, town, stage…), its display name, the
 * number of items, their summed ground area in m² and, for projects, summed investment in 万元;
 * with an optional second-level breakdown.
 */
record Tally(String key, String name, long count, double areaM2, double investmentWan, List<Tally> children) {

    /** Accumulates tallies by key, keeping each key's first name and a nested breakdown. */
    static final class Builder {
        private final Map<String, Builder> groups = new LinkedHashMap<>();
        private final String key;
        private final String name;
        private long count;
        private double areaM2;
        private double investmentWan;

        Builder() {
            this(null, null);
        }

        private Builder(String key, String name) {
            this.key = key;
            this.name = name;
        }

        /** Adds one item to this tally and returns it, to chain {@link #group}. */
        Builder add(double areaM2, double investmentWan) {
            count++;
            this.areaM2 += areaM2;
            this.investmentWan += investmentWan;
            return this;
        }

        /** The sub-group with this key (created on first use). */
        Builder group(String key, String name) {
            return groups.computeIfAbsent(key == null ? "" : key, k -> new Builder(key, name));
        }

        Tally build(Comparator<Tally> order) {
            List<Tally> children = new ArrayList<>();
            groups.values().forEach(g -> children.add(g.build(order)));
            children.sort(order);
            return new Tally(key, name, count, areaM2, investmentWan, List.copyOf(children));
        }
    }

    static Comparator<Tally> byKey() {
        return Comparator.comparing(t -> t.key() == null ? "" : t.key());
    }

    /** Keys in the given order first (e.g. the stages of the project chain), others after by key. */
    static Comparator<Tally> inOrder(List<String> keys) {
        return Comparator.<Tally>comparingInt(t -> {
                    int i = keys.indexOf(t.key());
                    return i < 0 ? keys.size() : i;
                })
                .thenComparing(byKey());
    }
}
