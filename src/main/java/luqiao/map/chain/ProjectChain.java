package luqiao.map.chain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import luqiao.map.catalog.Audience;
import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.geojson.GeoJsonWriter;
import luqiao.map.store.Action;
import luqiao.map.store.FeatureQuery;
import luqiao.map.store.FeaturesChanged;
import luqiao.map.store.SpatialStore;
import luqiao.map.store.VersionLog;
import luqiao.map.store.chain.ChainStore;
import luqiao.map.web.AsOf;
import luqiao.map.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves projects along the chain and reads their chains. A transition is one transaction: the event, the
 * project's stage and actual dates, its version and its edit-history row; the tiles it touches are
 * evicted after the commit ({@link FeaturesChanged} is heard after the transaction).
 */
@Service
class ProjectChain {

    /** The most projects the overdue list reads (the district plans some dozens a year). */
    private static final int MAX_PROJECTS = 100_000;

    private final SpatialStore store;
    private final ChainStore chain;
    private final VersionLog versions;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    ProjectChain(
            SpatialStore store,
            ChainStore chain,
            VersionLog versions,
            TransactionTemplate transaction,
            ApplicationEventPublisher events) {
        this.store = store;
        this.chain = chain;
        this.versions = versions;
        this.transaction = transaction;
        this.events = events;
    }

    /** A project with its chain, as the audience sees it on {@code day}. */
    record Chain(Feature project, long version, List<StageEvent> events, ChainView view, List<String> allowed) {}

    /** The chain as of {@code asOf} (null: today); 404 when the audience may not see the project (on that date). */
    Chain read(String code, Audience audience, LocalDate asOf) {
        Feature project = store.get(Layer.PROJECTS, code, audience, asOf)
                .orElseThrow(() -> new NotFoundException("no project '" + code + "'"));
        LocalDate day = asOf == null ? AsOf.today() : asOf;
        Stage current = stage(project);
        List<StageEvent> all = events(code);
        List<StageEvent> shown =
                all.stream().filter(e -> !e.occurredOn().isAfter(day)).toList();
        ChainView view = ChainView.of(
                current,
                shown,
                planned(project, stages(chain.plans(code))),
                chain.landAcquiredOn(code).orElse(null),
                (LocalDate) project.properties().get("actual_start"),
                day);
        long version = chain.version(code);
        List<String> allowed = new ArrayList<>(Stage.labels(current.forward()));
        return new Chain(project, version, shown, view, allowed);
    }

    /** Projects the audience sees on {@code asOf} (null: today) with a planned date passed without the transition, most late first. */
    List<Overdue> overdue(Audience audience, LocalDate asOf) {
        LocalDate day = asOf == null ? AsOf.today() : asOf;
        Map<String, Map<String, LocalDate>> plans = chain.allPlans();
        List<Overdue> late = new ArrayList<>();
        for (Feature p : store.find(
                        Layer.PROJECTS,
                        FeatureQuery.page(audience, null, MAX_PROJECTS, 0).withAsOf(asOf))
                .features()) {
            ChainView view = ChainView.of(
                    stage(p), List.of(), planned(p, stages(plans.getOrDefault(p.id(), Map.of()))), null, null, day);
            if (view.overdue() != null) {
                late.add(new Overdue(p, view.overdue()));
            }
        }
        late.sort((a, b) -> Long.compare(b.late().daysLate(), a.late().daysLate()));
        return late;
    }

    record Overdue(Feature project, ChainView.StageLine late) {}

    /**
     * Moves the project to {@code to} on {@code on} (null: today). {@code ifMatch} is the version the
     * caller read, when it names one. Answers the chain after the move.
     */
    Chain transition(
            String code,
            Stage to,
            LocalDate on,
            String note,
            String actor,
            boolean admin,
            Long ifMatch,
            Audience audience) {
        LocalDate today = AsOf.today();
        LocalDate date = on == null ? today : on;
        String reason = note == null || note.isBlank() ? null : note.strip();
        transaction.executeWithoutResult(status -> {
            ChainStore.LockedProject row =
                    chain.lock(code).orElseThrow(() -> new NotFoundException("no project '" + code + "'"));
            Stage from = Stage.of(row.stage()).orElseThrow();
            if (ifMatch != null && ifMatch != row.version()) {
                throw new TransitionRefused(
                        HttpStatus.PRECONDITION_FAILED,
                        "the project is at version " + row.version() + ", not " + ifMatch
                                + " as If-Match says; read it again",
                        List.of());
            }
            check(from, to, admin, reason);
            if (date.isAfter(today)) {
                throw new TransitionRefused(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "date " + date + " is in the future (today is " + today + ")",
                        List.of());
            }
            List<StageEvent> past = events(code);
            if (!past.isEmpty() && date.isBefore(past.get(past.size() - 1).occurredOn())) {
                throw new TransitionRefused(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "date " + date + " is before the project's last " + "transition, on "
                                + past.get(past.size() - 1).occurredOn(),
                        List.of());
            }
            Feature before = store.get(Layer.PROJECTS, code, Audience.STAFF).orElseThrow();
            LocalDate start = to == Stage.STARTED && from.isBefore(to)
                    ? date
                    : to.isBefore(Stage.STARTED) ? null : row.actualStart();
            LocalDate finish = to == Stage.COMPLETED ? date : null;
            chain.insertEvent(code, from.label(), to.label(), date, actor, reason);
            chain.moveProject(code, to.label(), start, finish);
            Feature after = store.get(Layer.PROJECTS, code, Audience.STAFF).orElseThrow();
            versions.record(
                    Layer.PROJECTS,
                    Action.UPDATE,
                    actor,
                    new VersionLog.Entry(
                            code,
                            row.version() + 1,
                            GeoJsonWriter.featureText(before),
                            GeoJsonWriter.featureText(after)));
            events.publishEvent(
                    new FeaturesChanged(Layer.PROJECTS, List.of(after.geometry().getEnvelopeInternal())));
        });
        return read(code, audience, null);
    }

    /** Refuses a move the chain does not allow, saying which are. */
    private static void check(Stage from, Stage to, boolean admin, String reason) {
        if (from.forward().contains(to)) {
            return;
        }
        List<String> allowed = new ArrayList<>(Stage.labels(from.forward()));
        if (admin) {
            allowed.addAll(Stage.labels(from.backward()));
        }
        if (from == to) {
            throw new TransitionRefused(
                    HttpStatus.CONFLICT,
                    "the project is at " + from.label() + " already; allowed moves: " + describe(allowed),
                    allowed);
        }
        if (to.isBefore(from)) {
            if (!admin) {
                throw new TransitionRefused(
                        HttpStatus.FORBIDDEN,
                        "moving a project back (" + from.label() + " → " + to.label()
                                + ") needs an administrator; allowed moves: " + describe(allowed),
                        allowed);
            }
            if (reason == null) {
                throw new TransitionRefused(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "moving a project back (" + from.label() + " → " + to.label() + ") needs a reason in note",
                        allowed);
            }
            return;
        }
        throw new TransitionRefused(
                HttpStatus.CONFLICT,
                from.label() + " → " + to.label() + " is not a step of the chain; " + "allowed moves: "
                        + describe(allowed),
                allowed);
    }

    private static String describe(List<String> allowed) {
        return allowed.isEmpty() ? "none" : String.join(", ", allowed);
    }

    private static Stage stage(Feature project) {
        return Stage.of((String) project.properties().get("stage")).orElseThrow();
    }

    private List<StageEvent> events(String code) {
        return chain.events(code).stream().map(StageEvent::of).toList();
    }

    /** Planned dates by stage label, as stored, by stage. */
    private static Map<Stage, LocalDate> stages(Map<String, LocalDate> plans) {
        Map<Stage, LocalDate> byStage = new EnumMap<>(Stage.class);
        plans.forEach((label, day) -> byStage.put(Stage.of(label).orElseThrow(), day));
        return byStage;
    }

    private static Map<Stage, LocalDate> planned(Feature project, Map<Stage, LocalDate> plans) {
        Map<Stage, LocalDate> planned = new EnumMap<>(Stage.class);
        planned.putAll(plans);
        Optional.ofNullable((LocalDate) project.properties().get("planned_start"))
                .ifPresent(d -> planned.put(Stage.STARTED, d));
        Optional.ofNullable((LocalDate) project.properties().get("planned_finish"))
                .ifPresent(d -> planned.put(Stage.COMPLETED, d));
        return planned;
    }
}
