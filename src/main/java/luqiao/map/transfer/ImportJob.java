package luqiao.map.transfer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import luqiao.map.catalog.Layer;

/**
 * One upload on its way into a layer: staged on disk, read once for the dry run, then committed
 * (or left to expire). Kept in its {@link JobFolder} (so every instance sharing the staging folder knows it);
 * while a pass over its file runs, the instance running it also holds it in memory, and status requests
 * there read its live progress while the worker thread updates it.
 */
final class ImportJob {

    enum Status {
        READING,
        READY,
        COMMITTING,
        COMMITTED,
        FAILED
    }

    /** A row that cannot be imported, with the reason. */
    record Rejection(long row, String id, String reason) {}

    /** What one pass over the file found. */
    record Report(long read, long accepted, long rejectedCount, List<Rejection> rejected) {}

    final String id;
    final Layer layer;
    final String actor;
    final Path dir;
    final StagedUpload upload;
    final List<String> fields;
    final Instant created;
    final AtomicLong processed = new AtomicLong();
    volatile long total;
    volatile Status status = Status.READING;
    volatile FieldMapping mapping;
    volatile Report report;
    volatile String error;
    volatile long imported;

    ImportJob(
            String id,
            Layer layer,
            String actor,
            Path dir,
            StagedUpload upload,
            List<String> fields,
            long total,
            FieldMapping mapping,
            Instant created) {
        this.id = id;
        this.layer = layer;
        this.actor = actor;
        this.dir = dir;
        this.upload = upload;
        this.fields = fields;
        this.total = total;
        this.mapping = mapping;
        this.created = created;
    }

    /** Collects rejections of one pass: all counted, the first {@code max} listed. */
    static final class Rejections {
        private final int max;
        private final List<Rejection> listed = new ArrayList<>();
        private long count;

        Rejections(int max) {
            this.max = max;
        }

        void add(long row, String id, String reason) {
            count++;
            if (listed.size() < max) {
                listed.add(new Rejection(row, id, reason));
            }
        }

        long count() {
            return count;
        }

        List<Rejection> listed() {
            return List.copyOf(listed);
        }
    }
}
