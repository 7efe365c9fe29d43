package luqiao.map.inspection;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where a problem stands: 待办 (to do) → 办理中 (being handled) → 已销号 (closed, struck off the list). */
enum ProblemStatus {
    TODO("待办"),
    HANDLING("办理中"),
    CLOSED("已销号");

    private final String label;

    ProblemStatus(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    boolean isOpen() {
        return this != CLOSED;
    }

    static Optional<ProblemStatus> of(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }

    static List<String> labels() {
        return Arrays.stream(values()).map(ProblemStatus::label).toList();
    }
}
