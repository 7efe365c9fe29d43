package luqiao.map.transfer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
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
import luqiao.map.editing.EditingProperties;
import luqiao.map.geojson.Feature;
import luqiao.map.store.SpatialStore;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Imports: stages uploads on disk (bounded by {@code luqiao.transfer.max-upload-size}, a zip's contents
 * by {@code max-unpacked-size}, {@code max-zip-entries} and {@code max-compression-ratio}, all staged
 * files together by {@code max-staged-total}), runs each dry
 * run on a background thread (one at a time, so imports cannot crowd out the map), and commits a
 * job's file in one transaction. Both passes stream the file; what stays in memory is one batch of
 * features, the listed rejections and the set of ids seen (to find duplicates within the file).
 * Staged files are deleted after the commit, a failure, a cancel, or {@code staged-for} after the upload.
 * <p>
 * The staging folder may be shared by several instances: each job folder holds a {@value #LEASE} file
 * naming the instance that owns it and until when ({@code staged-for} after the upload, renewed while
 * the job is read or committed). An instance deletes its own jobs' folders, and others' only once
 * their lease has expired (at start and with each upload), never those of a live job elsewhere.
 */
@Component
class ImportJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final SpatialStore store;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final TransferProperties settings;
    private final int maxVertices;
    private final Path root;
    private final MeterRegistry metrics;
    /** This instance, as named in the leases of the job folders it owns. */
    private final String instance = UUID.randomUUID().toString();

    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService dryRuns = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "import-dry-run");
        t.setDaemon(true);
        return t;
    });

    ImportJobs(
            SpatialStore store,
            TransactionTemplate transaction,
            ObjectMapper json,
            TransferProperties settings,
            EditingProperties editing,
            MeterRegistry metrics)
            throws IOException {
        this.store = store;
        this.metrics = metrics;
        // Every layer's series from the start, at zero until its first import.
        for (Layer layer : Layer.values()) {
            importedRows(layer);
        }
        this.transaction = transaction;
        this.json = json;
        this.settings = settings;
        this.maxVertices = editing.maxVertices();
        this.root = settings.stagingDir().isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "luqiao-imports")
                : Path.of(settings.stagingDir());
        Files.createDirectories(root);
        // Jobs live in memory only: staged uploads left by an earlier run can never be committed; they go once
        // their lease expires. Those of another instance sharing the folder are live until then.
        sweep();
    }

    /** Prometheus {@code luqiao_import_rows_total{layer=...}}: the rows committed imports wrote. */
    private Counter importedRows(Layer layer) {
        return Counter.builder("luqiao.import.rows")
                .description("rows written by committed imports")
                .tag("layer", layer.id())
                .register(metrics);
    }

    /** The name of the lease file in each job folder: {@code owner=<instance id>} and {@code expires=<instant>}. */
    static final String LEASE = "lease";

    /** The names of staging folders (job ids), so that nothing else in a shared folder is ever deleted. */
    private static final java.util.regex.Pattern STAGED =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Saves the upload, finds out what it holds and starts its dry run; a 400 or 413 when it cannot be used. */
    ImportJob stage(
            Layer layer,
            String actor,
            InputStream body,
            long declaredLength,
            String filename,
            String crs,
            String encoding)
            throws IOException {
        if (filename != null && !UploadNames.valid(filename)) {
            throw new InvalidParameterException(
                    "filename", "filename: holds a character no file name may have (a control character such as NUL)");
        }
        long maxUpload = settings.maxUploadSize().toBytes();
        if (declaredLength > maxUpload) {
            throw new ProblemException(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "Content too large",
                            "the upload announces " + declaredLength + " bytes (Content-Length); at most " + maxUpload
                                    + " are accepted")
                    .with("limit", "luqiao.transfer.max-upload-size");
        }
        expire();
        long left = stagingLeft();
        if (declaredLength > left) {
            throw stagingFull(declaredLength, left);
        }
        String id = UUID.randomUUID().toString();
        Path dir = root.resolve(id);
        Files.createDirectories(dir);
        try {
            lease(dir, Instant.now().plus(settings.stagedFor()));
            Path upload = dir.resolve("upload" + extension(filename));
            UploadCopy.copy(body, upload, maxUpload, left, total -> stagingFull(total, left));
            StagedUpload staged;
            List<String> fields;
            long total;
            // The upload is on disk now: what fails from here on is the file's content, a 400.
            try {
                staged = StagedUpload.of(
                        json,
                        dir,
                        upload,
                        UploadNames.baseName(filename),
                        crs,
                        encoding,
                        new StagedUpload.ZipLimits(
                                settings.maxUnpackedSize().toBytes(),
                                settings.maxZipEntries(),
                                settings.maxCompressionRatio(),
                                this::stagingLeft));
                try (FeatureSource source = staged.open(json, maxVertices)) {
                    fields = source.fields();
                    total = source.total();
                }
            } catch (IOException e) {
                throw new InvalidParameterException("file", "file: " + e.getMessage());
            }
            ImportJob job =
                    new ImportJob(id, layer, actor, dir, staged, fields, total, FieldMapping.propose(layer, fields));
            jobs.put(id, job);
            dryRuns.submit(() -> dryRun(job));
            return job;
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /** The upload's extension (".zip"), reduced to letters and digits, so a staged file keeps what its name says. */
    static String extension(String filename) {
        String name = UploadNames.baseName(filename);
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).replaceAll("[^A-Za-z0-9.]", "");
    }

    private ProblemException stagingFull(long bytes, long left) {
        return new ProblemException(
                        HttpStatus.INSUFFICIENT_STORAGE,
                        "Staging folder full",
                        "the upload needs " + bytes
                                + " bytes; the staging folder has room for " + Math.max(left, 0)
                                + " more (luqiao.transfer.max-staged-total);"
                                + " commit or cancel other imports, or try later")
                .with("limit", "luqiao.transfer.max-staged-total");
    }

    /** What is left of {@code max-staged-total}: the bytes in the staging folder, of every instance sharing it, are counted. */
    private long stagingLeft() {
        long[] used = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    used[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // deleted meanwhile
                }
            });
        } catch (IOException e) {
            log.warn("Could not measure the staging folder {}: {}", root, e.getMessage());
        }
        return settings.maxStagedTotal().toBytes() - used[0];
    }

    private void dryRun(ImportJob job) {
        long started = System.nanoTime();
        try {
            ImportJob.Report report = pass(job, job.mapping, null);
            job.report = report;
            job.total = report.read();
            job.status = ImportJob.Status.READY;
            log.info(
                    "Import {} into {}: dry run read {} rows ({} rejected) in {} ms",
                    job.id,
                    job.layer.id(),
                    report.read(),
                    report.rejectedCount(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            job.error = e.getMessage();
            job.status = ImportJob.Status.FAILED;
            delete(job.dir);
            log.info("Import {} failed in its dry run: {}", job.id, e.getMessage());
        } finally {
            if (!jobs.containsKey(job.id)) {
                delete(job.dir); // cancelled while it was being read
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
                throw new ImportConflictException(
                        "the import is " + job.status.name().toLowerCase() + ", not ready to commit");
            }
            job.status = ImportJob.Status.COMMITTING;
        }
        renew(job);
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
            importedRows(job.layer).increment(report.accepted());
            delete(job.dir);
            log.info(
                    "Import {} committed {} rows into {} in {} ms",
                    job.id,
                    report.accepted(),
                    job.layer.id(),
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
    private ImportJob.Report pass(ImportJob job, FieldMapping mapping, Consumer<List<Feature>> insert)
            throws IOException {
        job.processed.set(0);
        ImportJob.Rejections rejections = new ImportJob.Rejections(settings.maxReportedRejections());
        RowCheck check = new RowCheck(job.layer, mapping, job.upload.crs());
        Set<String> seen = new HashSet<>();
        List<Feature> batch = new ArrayList<>(settings.batchSize());
        List<Long> rows = new ArrayList<>(settings.batchSize());
        long read = 0;
        long accepted = 0;
        try (FeatureSource source = job.upload.open(json, maxVertices)) {
            SourceRow row;
            while ((row = source.next()) != null) {
                read++;
                if (job.processed.incrementAndGet() % 10_000 == 0) {
                    renew(job);
                }
                if (row.geometry() != null && row.geometry().getNumPoints() > maxVertices) {
                    // Counted before RowCheck, whose validity check on a huge geometry would take long.
                    rejections.add(
                            row.number(),
                            id(row, mapping, job.layer),
                            "the geometry has " + row.geometry().getNumPoints() + " vertices; at most " + maxVertices
                                    + " are accepted (luqiao.editing.max-vertices)");
                    continue;
                }
                RowCheck.Result result = check.check(row);
                if (result.rejection() != null) {
                    rejections.add(row.number(), result.id(), result.rejection());
                } else if (!seen.add(result.id())) {
                    rejections.add(
                            row.number(), result.id(), "duplicate id " + result.id() + " (an earlier row has it)");
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

    /** The row's id as a rejection names it (RowCheck reads it the same way). */
    private static String id(SourceRow row, FieldMapping mapping, Layer layer) {
        String source = mapping.sourceOf(layer.idColumn());
        Object raw = source != null ? row.values().get(source) : row.id();
        if (raw instanceof java.math.BigDecimal n) {
            java.math.BigDecimal s = n.stripTrailingZeros();
            return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
        }
        return raw == null ? null : raw.toString().strip();
    }

    private long flush(
            Layer layer,
            List<Feature> batch,
            List<Long> rows,
            ImportJob.Rejections rejections,
            Consumer<List<Feature>> insert) {
        if (batch.isEmpty()) {
            return 0;
        }
        Set<String> existing =
                store.existingIds(layer, batch.stream().map(Feature::id).toList());
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
        if (job != null
                && job.created.isBefore(Instant.now().minus(settings.stagedFor()))
                && job.status != ImportJob.Status.READING
                && job.status != ImportJob.Status.COMMITTING) {
            // Its lease has run out: another instance sharing the folder may have deleted its files already.
            jobs.remove(id);
            delete(job.dir);
            return Optional.empty();
        }
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
            boolean old = job.created.isBefore(limit)
                    && job.status != ImportJob.Status.READING
                    && job.status != ImportJob.Status.COMMITTING;
            if (old) {
                delete(job.dir);
            }
            return old;
        });
        sweep();
    }

    /**
     * Deletes the job folders in the staging folder whose lease has expired (left by a stopped instance,
     * or by one that shares the folder and forgot them): never one of this instance's jobs, nor one
     * whose lease still runs. A folder without a readable lease counts from when it was last changed.
     */
    private void sweep() {
        Instant now = Instant.now();
        Set<Path> own = new HashSet<>();
        jobs.values().forEach(job -> own.add(job.dir));
        try (Stream<Path> folders = Files.list(root)) {
            folders.filter(p -> STAGED.matcher(p.getFileName().toString()).matches() && !own.contains(p))
                    .filter(p -> leaseExpiry(p).isBefore(now))
                    .forEach(p -> {
                        log.info("Deleting the expired staged import {} (lease: {})", p.getFileName(), leaseExpiry(p));
                        delete(p);
                    });
        } catch (IOException e) {
            log.warn("Could not look for expired staged imports in {}: {}", root, e.getMessage());
        }
    }

    private Instant leaseExpiry(Path dir) {
        try {
            for (String line : Files.readAllLines(dir.resolve(LEASE))) {
                if (line.startsWith("expires=")) {
                    return Instant.parse(line.substring(8).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // no lease (yet, or an older version's folder): judged by its age below
        }
        try {
            return Files.getLastModifiedTime(dir).toInstant().plus(settings.stagedFor());
        } catch (IOException e) {
            return Instant.MAX; // gone meanwhile, or unreadable: not ours to delete
        }
    }

    /** Writes the folder's lease: this instance owns it until {@code until}. */
    private void lease(Path dir, Instant until) throws IOException {
        Path tmp = dir.resolve(LEASE + ".tmp");
        Files.writeString(tmp, "owner=" + instance + "\nexpires=" + until + "\n");
        Files.move(
                tmp,
                dir.resolve(LEASE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Extends the job's lease while it is read or committed, so that no instance takes it for abandoned. */
    private void renew(ImportJob job) {
        try {
            lease(job.dir, Instant.now().plus(settings.stagedFor()));
        } catch (IOException e) {
            log.warn("Could not renew the lease of staged import {}: {}", job.id, e.getMessage());
        }
    }

    /** Deletes a staging folder and all in it; a failure is logged, since the caller's answer does not depend on it. */
    static void delete(Path dir) {
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
