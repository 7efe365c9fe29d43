package luqiao.map.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;

import luqiao.map.catalog.Layer;
import luqiao.map.geojson.Feature;
import luqiao.map.store.SpatialStore;
import luqiao.map.web.BodyTooLargeException;
import luqiao.map.web.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Imports: stages uploads on disk (bounded by {@code luqiao.transfer.max-upload-size}), runs each dry
 * run on a background thread (one at a time, so imports cannot crowd out the map), and commits a
 * job's file in one transaction. Both passes stream the file; what stays in memory is one batch of
 * features, the listed rejections and the set of ids seen (to find duplicates within the file).
 * Staged files are deleted after the commit, a failure, a cancel, or {@code staged-for} after the upload.
 */
@Component
class ImportJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final SpatialStore store;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final TransferProperties settings;
    private final Path root;
    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService dryRuns = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "import-dry-run");
        t.setDaemon(true);
        return t;
    });

    ImportJobs(SpatialStore store, TransactionTemplate transaction, ObjectMapper json, TransferProperties settings) throws IOException {
        this.store = store;
        this.transaction = transaction;
        this.json = json;
        this.settings = settings;
        this.root = settings.stagingDir().isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "luqiao-imports")
                : Path.of(settings.stagingDir());
        Files.createDirectories(root);
        // Jobs live in memory only: staged uploads left by an earlier run can never be committed.
        try (Stream<Path> leftovers = Files.list(root)) {
            leftovers.filter(p -> STAGED.matcher(p.getFileName().toString()).matches()).forEach(ImportJobs::delete);
        }
    }

    /** The names of staging folders (job ids), so that nothing else in a shared folder is ever deleted. */
    private static final java.util.regex.Pattern STAGED = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Saves the upload, finds out what it holds and starts its dry run; a 400 or 413 when it cannot be used. */
    ImportJob stage(Layer layer, String actor, InputStream body, String filename, String crs, String encoding) throws IOException {
        expire();
        String id = UUID.randomUUID().toString();
        Path dir = root.resolve(id);
        Files.createDirectories(dir);
        try {
            Path upload = dir.resolve("upload" + extension(filename));
            copy(body, upload, settings.maxUploadSize().toBytes());
            StagedUpload staged;
            List<String> fields;
            long total;
            // The upload is on disk now: what fails from here on is the file's content, a 400.
            try {
                staged = StagedUpload.of(json, dir, upload, filename, crs, encoding, 4 * settings.maxUploadSize().toBytes());
                try (FeatureSource source = staged.open(json)) {
                    fields = source.fields();
                    total = source.total();
                }
            } catch (IOException e) {
                throw new InvalidParameterException("file", "file: " + e.getMessage());
            }
            ImportJob job = new ImportJob(id, layer, actor, dir, staged, fields, total, FieldMapping.propose(layer, fields));
            jobs.put(id, job);
            dryRuns.submit(() -> dryRun(job));
            return job;
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    private static String extension(String filename) {
        if (filename == null) {
            return "";
        }
        String name = Path.of(filename.replace('\\', '/')).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).replaceAll("[^A-Za-z0-9.]", "");
    }

    private static void copy(InputStream body, Path target, long max) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = body.read(buffer)) > 0) {
                total += n;
                if (total > max) {
                    throw new BodyTooLargeException(max);
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private void dryRun(ImportJob job) {
        long started = System.nanoTime();
        try {
            ImportJob.Report report = pass(job, job.mapping, null);
            job.report = report;
            job.total = report.read();
            job.status = ImportJob.Status.READY;
            log.info("Import {} into {}: dry run read {} rows ({} rejected) in {} ms", job.id, job.layer.id(), report.read(),
                    report.rejectedCount(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            job.error = e.getMessage();
            job.status = ImportJob.Status.FAILED;
            delete(job.dir);
            log.info("Import {} failed in its dry run: {}", job.id, e.getMessage());
        } finally {
            if (!jobs.containsKey(job.id)) {
                delete(job.dir);   // cancelled while it was being read
            }
        }
    }

    /**
     * Applies the job's file (with {@code edited}, when given, as its mapping) in one transaction:
     * every row is imported, or, when any row is rejected, none ({@link ImportRejectedException}).
     */
    ImportJob commit(ImportJob job, Map<String, String> edited) {
        FieldMapping mapping = edited == null ? job.mapping : FieldMapping.edited(job.layer, job.fields, edited);
        synchronized (job) {
            if (job.status != ImportJob.Status.READY) {
                throw new ImportConflictException("the import is " + job.status.name().toLowerCase() + ", not ready to commit");
            }
            job.status = ImportJob.Status.COMMITTING;
        }
        long started = System.nanoTime();
        try {
            ImportJob.Report report = transaction.execute(status -> {
                try {
                    ImportJob.Report r = pass(job, mapping, batch -> store.importBatch(job.layer, batch, job.actor));
                    if (r.rejectedCount() > 0) {
                        throw new ImportRejectedException(r);
                    }
                    return r;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            job.mapping = mapping;
            job.report = report;
            job.imported = report.accepted();
            job.status = ImportJob.Status.COMMITTED;
            delete(job.dir);
            log.info("Import {} committed {} rows into {} in {} ms", job.id, report.accepted(), job.layer.id(),
                    (System.nanoTime() - started) / 1_000_000);
            return job;
        } catch (ImportRejectedException e) {
            job.mapping = mapping;
            job.report = e.report;
            job.status = ImportJob.Status.READY;
            throw e;
        } catch (RuntimeException e) {
            job.status = ImportJob.Status.READY;
            throw e;
        }
    }

    /** One pass over the file: checks every row; hands batches of good rows to {@code insert} (if any) while none was rejected. */
    private ImportJob.Report pass(ImportJob job, FieldMapping mapping, Consumer<List<Feature>> insert) throws IOException {
        job.processed.set(0);
        ImportJob.Rejections rejections = new ImportJob.Rejections(settings.maxReportedRejections());
        RowCheck check = new RowCheck(job.layer, mapping, job.upload.crs());
        Set<String> seen = new HashSet<>();
        List<Feature> batch = new ArrayList<>(settings.batchSize());
        List<Long> rows = new ArrayList<>(settings.batchSize());
        long read = 0;
        long accepted = 0;
        try (FeatureSource source = job.upload.open(json)) {
            SourceRow row;
            while ((row = source.next()) != null) {
                read++;
                job.processed.incrementAndGet();
                RowCheck.Result result = check.check(row);
                if (result.rejection() != null) {
                    rejections.add(row.number(), result.id(), result.rejection());
                } else if (!seen.add(result.id())) {
                    rejections.add(row.number(), result.id(), "duplicate id " + result.id() + " (an earlier row has it)");
                } else {
                    batch.add(result.feature());
                    rows.add(row.number());
                    if (batch.size() == settings.batchSize()) {
                        accepted += flush(job.layer, batch, rows, rejections, insert);
                    }
                }
            }
            accepted += flush(job.layer, batch, rows, rejections, insert);
        }
        return new ImportJob.Report(read, accepted, rejections.count(), rejections.listed());
    }

    private long flush(Layer layer, List<Feature> batch, List<Long> rows, ImportJob.Rejections rejections, Consumer<List<Feature>> insert) {
        if (batch.isEmpty()) {
            return 0;
        }
        Set<String> existing = store.existingIds(layer, batch.stream().map(Feature::id).toList());
        List<Feature> fresh = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Feature f = batch.get(i);
            if (existing.contains(f.id())) {
                rejections.add(rows.get(i), f.id(), "id " + f.id() + " already exists in " + layer.id());
            } else {
                fresh.add(f);
            }
        }
        if (insert != null && rejections.count() == 0) {
            insert.accept(fresh);
        }
        batch.clear();
        rows.clear();
        return fresh.size();
    }

    /** The job, if it exists and {@code actor} may see it (its owner, or an administrator). */
    Optional<ImportJob> find(String id, String actor, boolean admin) {
        ImportJob job = jobs.get(id);
        return job != null && (admin || job.actor.equals(actor)) ? Optional.of(job) : Optional.empty();
    }

    /** Forgets the job and deletes its files (those of a job still being read once its dry run ends). */
    void cancel(ImportJob job) {
        synchronized (job) {
            if (job.status == ImportJob.Status.COMMITTING) {
                throw new ImportConflictException("the import is being committed and cannot be cancelled");
            }
            jobs.remove(job.id);
        }
        if (job.status != ImportJob.Status.READING) {
            delete(job.dir);
        }
    }

    private void expire() {
        Instant limit = Instant.now().minus(settings.stagedFor());
        jobs.values().removeIf(job -> {
            boolean old = job.created.isBefore(limit) && job.status != ImportJob.Status.READING
                    && job.status != ImportJob.Status.COMMITTING;
            if (old) {
                delete(job.dir);
            }
            return old;
        });
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete staged import files in {}: {}", dir, e.getMessage());
        }
    }

    @Override
    public void destroy() {
        dryRuns.shutdownNow();
        jobs.values().forEach(job -> delete(job.dir));
    }
}
