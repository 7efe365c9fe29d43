package luqiao.map.store;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;

/**
 * Something built once per layer × audience × (now, as of a date): the one place where that table is
 * made, so the statements of features, statistics and tiles vary along the same axes. The as-of
 * variant exists only for layers with a history ({@link Layer#hasHistory()}).
 */
public final class StatementTable<T> {

    /** Builds the entry of one layer, audience and time (asOf: read as of a date bound in the statement). */
    @FunctionalInterface
    public interface Builder<T> {
        T build(Layer layer, Audience audience, boolean asOf);
    }

    private final Map<Layer, Map<Audience, T>> now = new EnumMap<>(Layer.class);
    private final Map<Layer, Map<Audience, T>> past = new EnumMap<>(Layer.class);

    private StatementTable(Builder<T> builder) {
        for (Layer layer : Layer.values()) {
            Map<Audience, T> current = new EnumMap<>(Audience.class);
            Map<Audience, T> asOf = new EnumMap<>(Audience.class);
            for (Audience audience : Audience.values()) {
                current.put(audience, builder.build(layer, audience, false));
                if (layer.hasHistory()) {
                    asOf.put(audience, builder.build(layer, audience, true));
                }
            }
            now.put(layer, current);
            past.put(layer, asOf);
        }
    }

    public static <T> StatementTable<T> of(Builder<T> builder) {
        return new StatementTable<>(builder);
    }

    /** The entry for reading the layer now ({@code asOf} null) or as of a date; a layer without history has no past. */
    public T get(Layer layer, Audience audience, LocalDate asOf) {
        if (asOf == null) {
            return now.get(layer).get(audience);
        }
        T entry = past.get(layer).get(audience);
        if (entry == null) {
            throw new IllegalArgumentException(layer.id() + " cannot be read as of a date");
        }
        return entry;
    }
}
