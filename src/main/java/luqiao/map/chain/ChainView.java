package luqiao.map.chain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A project's chain on a day: per stage the planned and actual date, whether it is late, and what is
 * overdue (a planned date that has passed without the transition).
 *
 * @param stages    every stage in chain order
 * @param overdue   the first stage not reached whose planned date has passed; null when none
 * @param landToStartDays 拿地即开工: days from land acquisition to construction start; null unless both are known
 */
record ChainView(
        Stage current, List<StageLine> stages, StageLine overdue, LocalDate landAcquiredOn, Long landToStartDays) {

    /**
     * @param daysLate for a reached stage, actual minus planned (negative: early); for a stage not reached,
     *                 the days since its planned date when that has passed; null without a planned date
     * @param skipped  the stage was passed over (招引, when a project went from 前期 straight to 开工)
     */
    record StageLine(
            Stage stage, LocalDate planned, LocalDate actual, Long daysLate, boolean overdue, boolean skipped) {}

    /**
     * The chain of a project now at {@code current}, from its events (oldest first), its planned dates and
     * the day it is seen on ({@code day}: today, or the as-of date).
     */
    static ChainView of(
            Stage current,
            List<StageEvent> events,
            Map<Stage, LocalDate> planned,
            LocalDate landAcquiredOn,
            LocalDate actualStart,
            LocalDate day) {
        Map<Stage, LocalDate> actual = new EnumMap<>(Stage.class);
        for (StageEvent e : events) {
            if (!e.occurredOn().isAfter(day)) {
                actual.put(e.to(), e.occurredOn());
            }
        }
        List<StageLine> lines = new ArrayList<>();
        StageLine overdue = null;
        for (Stage stage : Stage.values()) {
            boolean reached = !current.isBefore(stage);
            LocalDate done = reached ? actual.get(stage) : null;
            LocalDate plan = planned.get(stage);
            // Without any recorded event (history unknown) nothing can be said to have been skipped.
            boolean skipped = reached && done == null && stage == Stage.ATTRACTED && !events.isEmpty();
            Long late = null;
            boolean isOverdue = false;
            if (plan != null && done != null) {
                late = ChronoUnit.DAYS.between(plan, done);
            } else if (plan != null && !reached && plan.isBefore(day)) {
                late = ChronoUnit.DAYS.between(plan, day);
                isOverdue = true;
            }
            StageLine line = new StageLine(stage, plan, done, late, isOverdue, skipped);
            lines.add(line);
            if (isOverdue && overdue == null) {
                overdue = line;
            }
        }
        Long landToStart = landAcquiredOn != null && actualStart != null
                ? ChronoUnit.DAYS.between(landAcquiredOn, actualStart)
                : null;
        return new ChainView(current, lines, overdue, landAcquiredOn, landToStart);
    }
}
