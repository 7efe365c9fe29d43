package luqiao.map.chain;

import java.time.Instant;
import java.time.LocalDate;
import luqiao.map.store.chain.ChainStore;

/** One recorded transition: {@code from} is null for the first event (the project was conceived). */
record StageEvent(long id, Stage from, Stage to, LocalDate occurredOn, String actor, String note, Instant recordedAt) {

    /** The event as stored, its stage labels read as stages. */
    static StageEvent of(ChainStore.Event e) {
        return new StageEvent(
                e.id(),
                Stage.of(e.fromStage()).orElse(null),
                Stage.of(e.toStage()).orElseThrow(),
                e.occurredOn(),
                e.actor(),
                e.note(),
                e.recordedAt());
    }
}
