package luqiao.map.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import luqiao.map.geojson.Feature;

/** The answers of the project-chain API as records, serialised by Jackson. */
final class ChainAnswers {

    private ChainAnswers() {}

    /** {@code GET /api/projects/overdue}. */
    record Overdue(String date, int count, List<OverdueProject> projects) {

        static Overdue of(String date, List<ProjectChain.Overdue> late) {
            return new Overdue(
                    date,
                    late.size(),
                    late.stream()
                            .map(o -> new OverdueProject(
                                    o.project().id(),
                                    text(o.project(), "name_zh"),
                                    text(o.project(), "name_en"),
                                    text(o.project(), "stage"),
                                    o.late().stage().label(),
                                    o.late().planned().toString(),
                                    o.late().daysLate()))
                            .toList());
        }
    }

    record OverdueProject(
            String id,
            String name_zh,
            String name_en,
            String stage,
            String late_stage,
            String planned,
            long days_overdue) {}

    /**
     * A project's chain; events with who and why, and the allowed transitions, for staff only. Without
     * {@code internalStages} (PublicPolicy) only the public stages are told: no event into 谋划/前期/招引,
     * no line or planned date of theirs, no event naming one as where it came from; without {@code overdue},
     * no overdue line and no days late.
     */
    record Chain(
            String id,
            String name_zh,
            String name_en,
            String stage,
            long version,
            List<Object> events,
            List<Line> stages,
            Line overdue,
            String land_acquired_on,
            Long land_to_start_days,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> allowed) {

        static Chain of(ProjectChain.Chain chain, boolean staff, boolean internalStages, boolean overdue) {
            Feature p = chain.project();
            ChainView view = chain.view();
            List<Object> events = chain.events().stream()
                    .filter(e -> internalStages || e.to().isPublic())
                    .<Object>map(e -> {
                        String from =
                                internalStages || e.from() == null || e.from().isPublic() ? label(e.from()) : null;
                        return staff
                                ? new StaffEvent(
                                        from,
                                        e.to().label(),
                                        e.occurredOn().toString(),
                                        e.actor(),
                                        e.note(),
                                        e.recordedAt().toString())
                                : new Event(from, e.to().label(), e.occurredOn().toString());
                    })
                    .toList();
            List<Line> lines = view.stages().stream()
                    .filter(l -> internalStages || l.stage().isPublic())
                    .map(l -> Line.of(l, overdue))
                    .toList();
            Line late = view.overdue() == null
                            || !overdue
                            || !(internalStages || view.overdue().stage().isPublic())
                    ? null
                    : Line.of(view.overdue(), true);
            return new Chain(
                    p.id(),
                    text(p, "name_zh"),
                    text(p, "name_en"),
                    view.current().label(),
                    chain.version(),
                    events,
                    lines,
                    late,
                    string(view.landAcquiredOn()),
                    view.landToStartDays(),
                    staff ? chain.allowed() : null);
        }
    }

    record Event(String from, String to, String date) {}

    record StaffEvent(String from, String to, String date, String actor, String note, String recorded_at) {}

    record Line(String stage, String planned, String actual, Long days_late, boolean overdue, boolean skipped) {

        /** The line; without {@code overdue}, neither its days late nor whether it is overdue. */
        static Line of(ChainView.StageLine line, boolean overdue) {
            return new Line(
                    line.stage().label(),
                    string(line.planned()),
                    string(line.actual()),
                    overdue ? line.daysLate() : null,
                    overdue && line.overdue(),
                    line.skipped());
        }
    }

    private static String label(Stage stage) {
        return stage == null ? null : stage.label();
    }

    private static String text(Feature f, String property) {
        return string(f.properties().get(property));
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
