package luqiao.map.chain;

import java.time.Instant;
import java.time.LocalDate;

/** One recorded transition: {@code from} is null for the first event (the project was conceived). */
record StageEvent(long id, Stage from, Stage to, LocalDate occurredOn, String actor, String note, Instant recordedAt) {
}
