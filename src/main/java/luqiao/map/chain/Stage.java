package luqiao.map.chain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The project chain (项目链, DOMAIN.md): 谋划 → 前期 → 招引 → 开工 → 竣工. Forward, a project moves one
 * stage at a time, except that it may skip 招引 (works the district builds itself attract no investor);
 * any move back is a correction that needs an administrator and a reason.
 */
public enum Stage {
    CONCEIVED("谋划"),
    PREPARATORY("前期"),
    ATTRACTED("招引"),
    STARTED("开工"),
    COMPLETED("竣工");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** The stage as stored and shown (Chinese). */
    public String label() {
        return label;
    }

    /** The stage stored as {@code label}; empty for anything else. */
    public static Optional<Stage> of(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }

    /** The stages a project at this stage may move forward to, in chain order. */
    public Set<Stage> forward() {
        return switch (this) {
            case CONCEIVED -> EnumSet.of(PREPARATORY);
            case PREPARATORY -> EnumSet.of(ATTRACTED, STARTED);
            case ATTRACTED -> EnumSet.of(STARTED);
            case STARTED -> EnumSet.of(COMPLETED);
            case COMPLETED -> EnumSet.noneOf(Stage.class);
        };
    }

    /** The stages before this one: where an administrator may move it back to. */
    public Set<Stage> backward() {
        Set<Stage> before = EnumSet.noneOf(Stage.class);
        Arrays.stream(values()).filter(s -> s.ordinal() < ordinal()).forEach(before::add);
        return before;
    }

    public boolean isBefore(Stage other) {
        return ordinal() < other.ordinal();
    }

    /** Whether projects at this stage are public (construction started or finished). */
    public boolean isPublic() {
        return this == STARTED || this == COMPLETED;
    }

    public static List<String> labels(Set<Stage> stages) {
        return stages.stream().map(Stage::label).toList();
    }
}
