package luqiao.map.chain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import luqiao.map.geojson.Feature;

/** The answers of the project-chain API as records, serialised by Jackson. */
final class ChainAnswers {

    private ChainAnswers() {
    }

    /** {@code GET /api/projects/overdue}. */
    record Overdue(String date, int count, List<OverdueProject> projects) {

        static Overdue of(String date, List<ProjectChain.Overdue> late) {
            return new Overdue(date, late.size(), late.stream().map(o -> new OverdueProject(o.project().id(),
                    text(o.project(), "name_zh"), text(o.project(), "name_en"), text(o.project(), "stage"),
                    o.late().stage().label(), o.late().planned().toString(), o.late().daysLate())).toList());
        }
    }

    record OverdueProject(String id, String name_zh, String name_en, String stage, String late_stage, String planned,
                          long days_overdue) {
    }

    /** A project's chain; events with who and why, and the allowed transitions, for staff only. */
    record Chain(String id, String name_zh, String name_en, String stage, long version, List<Object> events,
                 List<Line> stages, Line overdue, String land_acquired_on, Long land_to_start_days,
                 @JsonInclude(JsonInclude.Include.NON_NULL) List<String> allowed) {

        static Chain of(ProjectChain.Chain chain, boolean staff) {
            Feature p = chain.project();
            ChainView view = chain.view();
            List<Object> events = chain.events().stream().<Object>map(e -> staff
                    ? new StaffEvent(label(e.from()), e.to().label(), e.occurredOn().toString(), e.actor(), e.note(),
                            e.recordedAt().toString())
                    : new Event(label(e.from()), e.to().label(), e.occurredOn().toString())).toList();
            return new Chain(p.id(), text(p, "name_zh"), text(p, "name_en"), view.current().label(), chain.version(), events,
                    view.stages().stream().map(Line::of).toList(), view.overdue() == null ? null : Line.of(view.overdue()),
                    string(view.landAcquiredOn()), view.landToStartDays(), staff ? chain.allowed() : null);
        }
    }

    record Event(String from, String to, String date) {
    }

    record StaffEvent(String from, String to, String date, String actor, String note, String recorded_at) {
    }

    record Line(String stage, String planned, String actual, Long days_late, boolean overdue, boolean skipped) {

        static Line of(ChainView.StageLine line) {
            return new Line(line.stage().label(), string(line.planned()), string(line.actual()), line.daysLate(),
                    line.overdue(), line.skipped());
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
