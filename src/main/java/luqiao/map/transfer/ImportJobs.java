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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import luqiao.map.catalog.Layer;
import luqiao.map.editing.EditingProperties;
import luqiao.map.geojson.Feature;
import luqiao.map.store.PreparedImport;
import luqiao.map.store.SpatialStore;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.NotFoundException;
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
 * features, the listed rejections and the set of ids seen (to find duplicates within the file). A dry run that
 * rejects nothing saves the rows it checked ({@link CheckedRows}), and a commit with the same mapping reads those
 * instead of the file (checking the ids against the table again).
 * Staged files are deleted after the commit, a failure, a cancel, or {@code staged-for} after the upload.
 * <p>
 * The staging folder may be shared by several instances, and a job is kept in its folder, not in this
 * instance's memory ({@link JobFolder}): a status request, a commit or a cancel works on whichever instance it
 * reaches, with the same checks and answers. A commit or cancel first claims the job in its folder (an atomic
 * file creation), so two instances never commit one job twice. Each job folder holds a lease naming the
 * instance that last used it and until when ({@code staged-for} after the upload, renewed by whichever instance
 * reads or commits it); any instance deletes folders whose lease has expired (at start, with each upload and
 * when asked for such a job), never one whose lease still runs. Jobs outlive the instance that staged them,
 * until their lease ends, except one whose dry run was under way when it stopped.
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

    /** The jobs with a pass over their file under way here (a dry run or a commit), whose live progress is here. */
    private final Map<String, ImportJob> running = new ConcurrentHashMap<>();

    private final ExecutorService dryRuns = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "import-dry-run");
        t.setDaemon(true);
        return t;
    });

    /** Rows checked together on a check thread: enough to make handing them over cheap, few enough to keep memory small. */
    private static final int CHUNK = 250;

    /** The threads that check rows ({@code check-threads}), shared by the dry runs and the commits. */
    private final ExecutorService checkers;

    /** One thread per pass under way, reading its file. */
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "import-read");
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
        AtomicInteger checkerNumber = new AtomicInteger();
        this.checkers = Executors.newFixedThreadPool(settings.checkThreads(), r -> {
            Thread t = new Thread(r, "import-check-" + checkerNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.root = settings.stagingDir().isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "luqiao-imports")
                : Path.of(settings.stagingDir());
        Files.createDirectories(root);
        // Jobs left by an earlier run, or by another instance sharing the folder, stay until their lease expires.
        sweep();
    }

    /** Prometheus {@code luqiao_import_rows_total{layer=...}}: the rows committed imports wrote. */
    private Counter importedRows(Layer layer) {
        return Counter.builder("luqiao.import.rows")
                .description("rows written by committed imports")
                .tag("layer", layer.id())
                .register(metrics);
    }

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
        sweep();
        long left = stagingLeft();
        if (declaredLength > left) {
            throw stagingFull(declaredLength, left);
        }
        String id = UUID.randomUUID().toString();
        JobFolder folder = new JobFolder(root.resolve(id));
        Path dir = Files.createDirectories(folder.dir);
        try {
            folder.lease(instance, Instant.now().plus(settings.stagedFor()));
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
            ImportJob job = new ImportJob(
                    id, layer, actor, dir, staged, fields, total, FieldMapping.propose(layer, fields), Instant.now());
            folder.save(job);
            running.put(id, job);
            dryRuns.submit(() -> dryRun(job));
            return job;
        } catch (IOException | RuntimeException e) {
            running.remove(id);
            folder.delete();
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
        JobFolder folder = new JobFolder(job.dir);
        try {
            ImportJob.Report report;
            try (CheckedRows.Writer saved = new CheckedRows.Writer(job.dir, key(job, job.mapping))) {
                report = pass(job, job.mapping, null, saved);
                if (report.rejectedCount() == 0) {
                    saved.finish(); // in place before the job is ready, so any instance's commit finds it whole
                }
            }
            job.report = report;
            job.total = report.read();
            job.status = ImportJob.Status.READY;
            folder.save(job);
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
            folder.deleteStagedFiles();
            save(job);
            log.info("Import {} failed in its dry run: {}", job.id, e.getMessage());
        } finally {
            running.remove(job.id);
            if (folder.cancelled()) {
                folder.delete(); // cancelled (on any instance) while it was being read
            }
        }
    }

    /**
     * Applies the job's file (with {@code edited}, when given, as its mapping) in one transaction:
     * every row is imported, or, when any row is rejected, none ({@link ImportRejectedException}). The job
     * is claimed in its folder first and read again from there, so whichever instance commits it, a job
     * committed (or being committed) anywhere is answered 409, and a cancelled one 404.
     */
    ImportJob commit(ImportJob found, Map<String, String> edited) throws IOException {
        FieldMapping mapping = edited == null ? found.mapping : FieldMapping.edited(found.layer, found.fields, edited);
        JobFolder folder = new JobFolder(found.dir);
        if (!claim(folder, found)) {
            throw new ImportConflictException("the import is " + busy(folder, found) + ", not ready to commit");
        }
        ImportJob job;
        try {
            job = folder.load().orElseThrow(() -> gone(found));
            if (job.status != ImportJob.Status.READY) {
                throw new ImportConflictException(
                        "the import is " + job.status.name().toLowerCase() + ", not ready to commit");
            }
            job.status = ImportJob.Status.COMMITTING;
            folder.save(job);
        } catch (IOException | RuntimeException e) {
            folder.release();
            throw e;
        }
        running.put(job.id, job);
        try {
            return apply(job, mapping, folder);
        } finally {
            running.remove(job.id);
            folder.release(); // after the job's new state is saved, so the next claimant reads that
        }
    }

    private ImportJob apply(ImportJob job, FieldMapping mapping, JobFolder folder) throws IOException {
        renew(job);
        long started = System.nanoTime();
        ImportJob.Report report;
        try {
            report = transaction.execute(status -> {
                try {
                    Consumer<List<PreparedImport>> insert = rows -> store.importBatch(job.layer, rows, job.actor);
                    Optional<CheckedRows.Reader> saved = CheckedRows.open(job.dir, key(job, mapping), job.layer);
                    ImportJob.Report r;
                    if (saved.isPresent()) {
                        try (CheckedRows.Reader rows = saved.get()) {
                            r = passSaved(job, rows, insert);
                        }
                    } else {
                        r = pass(job, mapping, insert, null);
                    }
                    if (r.rejectedCount() > 0) {
                        throw new ImportRejectedException(r);
                    }
                    return r;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (ImportRejectedException e) {
            job.mapping = mapping;
            job.report = e.report;
            job.status = ImportJob.Status.READY;
            save(job);
            throw e;
        } catch (RuntimeException e) {
            job.status = ImportJob.Status.READY;
            save(job);
            throw e;
        }
        job.mapping = mapping;
        job.report = report;
        job.imported = report.accepted();
        job.status = ImportJob.Status.COMMITTED;
        importedRows(job.layer).increment(report.accepted());
        // The record stays until the lease ends, so that a second commit on any instance is told it was committed.
        folder.deleteStagedFiles();
        save(job);
        log.info(
                "Import {} committed {} rows into {} in {} ms",
                job.id,
                report.accepted(),
                job.layer.id(),
                (System.nanoTime() - started) / 1_000_000);
        return job;
    }

    /** Claims the job's folder; a 404 when the folder is gone (cancelled or expired meanwhile). */
    private static boolean claim(JobFolder folder, ImportJob job) throws IOException {
        try {
            return folder.claim();
        } catch (java.nio.file.NoSuchFileException e) {
            throw gone(job);
        }
    }

    /** What a job another request holds is doing, as a conflict names it; a 404 when it is no more. */
    private static String busy(JobFolder folder, ImportJob job) {
        ImportJob.Status status = folder.load().orElseThrow(() -> gone(job)).status;
        // READY while claimed: a commit that is just starting or ending, or a cancel.
        return (status == ImportJob.Status.READY ? ImportJob.Status.COMMITTING : status)
                .name()
                .toLowerCase();
    }

    private static NotFoundException gone(ImportJob job) {
        return new NotFoundException("no import '" + job.id + "'");
    }

    /** What a dry run's saved rows depend on ({@link CheckedRows#key}): the commit reads them only when its own is equal. */
    private String key(ImportJob job, FieldMapping mapping) {
        return CheckedRows.key(job.layer, job.upload.crs(), mapping, maxVertices);
    }

    /**
     * One pass over the file: checks every row; hands batches of good rows, prepared by the store, to {@code insert}
     * (if any) while none was rejected, or saves them to {@code saved} (a dry run's) until one is. Three stages overlap,
     * so that the database's work on one batch does not wait for the file and the file does not wait for the database:
     * a reader thread reads the file in chunks of {@link #CHUNK} rows; the {@code check-threads} check each chunk (JTS
     * validity, the CRS transform) and, in a commit, prepare its good rows (ground area, the row's and its version's
     * text); this thread takes the chunks in file order (duplicates within the file, ids already taken, the batches
     * written). At most {@code 4 × check-threads} chunks wait between them, so memory stays bounded.
     */
    private ImportJob.Report pass(
            ImportJob job, FieldMapping mapping, Consumer<List<PreparedImport>> insert, CheckedRows.Writer saved)
            throws IOException {
        RowCheck check = new RowCheck(job.layer, mapping, job.upload.crs());
        return collect(job, chunks -> read(job, chunks, check, mapping, insert != null, saved != null), insert, saved);
    }

    /**
     * A commit's pass over the rows its dry run saved: as {@link #pass}, with the saved rows in place of the file's
     * (no parsing, no geometry checks: they were checked with the same mapping); what may have changed since, ids
     * taken meanwhile, is still asked of the database batch by batch.
     */
    private ImportJob.Report passSaved(ImportJob job, CheckedRows.Reader rows, Consumer<List<PreparedImport>> insert)
            throws IOException {
        return collect(job, chunks -> readSaved(job, rows, chunks), insert, null);
    }

    /** What reads the rows on the reader thread: hands chunks to the check threads, returns the rows read. */
    private interface ChunkReader {
        long read(BlockingQueue<Future<List<Checked>>> chunks) throws InterruptedException;
    }

    /** This thread's part of a pass: the chunks in file order, with duplicates and ids already taken rejected. */
    private ImportJob.Report collect(
            ImportJob job, ChunkReader reader, Consumer<List<PreparedImport>> insert, CheckedRows.Writer saved)
            throws IOException {
        job.processed.set(0);
        ImportJob.Rejections rejections = new ImportJob.Rejections(settings.maxReportedRejections());
        Set<String> seen = new HashSet<>();
        List<Checked> batch = new ArrayList<>(settings.batchSize());
        BlockingQueue<Future<List<Checked>>> chunks = new ArrayBlockingQueue<>(4 * settings.checkThreads());
        Future<Long> reading = readers.submit(() -> reader.read(chunks));
        long accepted = 0;
        try {
            List<Checked> checked;
            while ((checked = done(take(chunks))) != END) {
                for (Checked c : checked) {
                    RowCheck.Result result = c.result();
                    if (result.rejection() != null) {
                        rejections.add(c.number(), result.id(), result.rejection());
                    } else if (!seen.add(result.id())) {
                        rejections.add(
                                c.number(), result.id(), "duplicate id " + result.id() + " (an earlier row has it)");
                    } else {
                        batch.add(c);
                        if (batch.size() == settings.batchSize()) {
                            accepted += flush(job.layer, batch, rejections, insert, saved);
                        }
                    }
                }
            }
            accepted += flush(job.layer, batch, rejections, insert, saved);
            long read = done(reading);
            return new ImportJob.Report(read, accepted, rejections.count(), rejections.listed());
        } finally {
            reading.cancel(true);
            chunks.forEach(f -> f.cancel(true));
        }
    }

    /** What the reader hands over after the last chunk. */
    private static final List<Checked> END = List.of();

    private static final Future<List<Checked>> LAST = CompletableFuture.completedFuture(END);

    /**
     * The reader (on its own thread): reads the file, hands each chunk to a check thread and its future to
     * {@code chunks}, then {@link #LAST}; what goes wrong is handed over as a failed future. The rows read.
     */
    private long read(
            ImportJob job,
            BlockingQueue<Future<List<Checked>>> chunks,
            RowCheck check,
            FieldMapping mapping,
            boolean prepare,
            boolean encode)
            throws InterruptedException {
        long read = 0;
        try (FeatureSource source = job.upload.open(json, maxVertices)) {
            List<SourceRow> chunk = new ArrayList<>(CHUNK);
            SourceRow row;
            while ((row = source.next()) != null) {
                read++;
                progress(job);
                chunk.add(row);
                if (chunk.size() == CHUNK) {
                    List<SourceRow> full = chunk;
                    chunks.put(checkers.submit(() -> checkAll(full, check, mapping, job.layer, prepare, encode)));
                    chunk = new ArrayList<>(CHUNK);
                }
            }
            if (!chunk.isEmpty()) {
                List<SourceRow> last = chunk;
                chunks.put(checkers.submit(() -> checkAll(last, check, mapping, job.layer, prepare, encode)));
            }
            chunks.put(LAST);
        } catch (IOException | RuntimeException e) {
            chunks.put(CompletableFuture.failedFuture(e));
        }
        return read;
    }

    /**
     * The reader of a commit's saved rows (on its own thread): hands each chunk to a check thread to be prepared,
     * then {@link #LAST}; what goes wrong is handed over as a failed future. The rows read.
     */
    private long readSaved(ImportJob job, CheckedRows.Reader rows, BlockingQueue<Future<List<Checked>>> chunks)
            throws InterruptedException {
        long read = 0;
        try {
            List<CheckedRows.Row> chunk = new ArrayList<>(CHUNK);
            CheckedRows.Row row;
            while ((row = rows.next()) != null) {
                read++;
                progress(job);
                chunk.add(row);
                if (chunk.size() == CHUNK) {
                    List<CheckedRows.Row> full = chunk;
                    chunks.put(checkers.submit(() -> prepareAll(full, job.layer)));
                    chunk = new ArrayList<>(CHUNK);
                }
            }
            if (!chunk.isEmpty()) {
                List<CheckedRows.Row> last = chunk;
                chunks.put(checkers.submit(() -> prepareAll(last, job.layer)));
            }
            chunks.put(LAST);
        } catch (IOException | RuntimeException e) {
            chunks.put(CompletableFuture.failedFuture(e));
        }
        return read;
    }

    /** Counts a row read; every 10,000 renews the lease and saves the progress other instances show. */
    private void progress(ImportJob job) {
        if (job.processed.incrementAndGet() % 10_000 == 0) {
            renew(job);
            save(job);
        }
    }

    private static <T> T take(BlockingQueue<T> queue) throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the file was read", e);
        }
    }

    /**
     * A checked row: its number in the file, the feature or why it is rejected, and in a commit the feature prepared,
     * or in a dry run that saves its rows the feature {@link CheckedRows#encode encoded}.
     */
    private record Checked(long number, RowCheck.Result result, PreparedImport prepared, byte[] encoded) {
        Checked(long number, RowCheck.Result result, PreparedImport prepared) {
            this(number, result, prepared, null);
        }
    }

    /**
     * Checks a chunk of rows (on a check thread), and prepares the good ones when {@code prepare} (a commit) or encodes
     * them when {@code encode} (a dry run that saves them).
     */
    private List<Checked> checkAll(
            List<SourceRow> chunk, RowCheck check, FieldMapping mapping, Layer layer, boolean prepare, boolean encode) {
        List<Checked> checked = new ArrayList<>(chunk.size());
        for (SourceRow row : chunk) {
            if (row.geometry() != null && row.geometry().getNumPoints() > maxVertices) {
                // Counted before RowCheck, whose validity check on a huge geometry would take long.
                checked.add(new Checked(
                        row.number(),
                        new RowCheck.Result(
                                null,
                                id(row, mapping, layer),
                                "the geometry has " + row.geometry().getNumPoints() + " vertices; at most "
                                        + maxVertices + " are accepted (luqiao.editing.max-vertices)"),
                        null));
            } else {
                RowCheck.Result result = check.check(row);
                Feature good = result.feature();
                checked.add(new Checked(
                        row.number(),
                        result,
                        prepare && good != null ? store.prepareImport(layer, good) : null,
                        encode && good != null ? CheckedRows.encode(layer, good) : null));
            }
        }
        return checked;
    }

    /** Prepares a chunk of saved rows (on a check thread): they were checked by the dry run. */
    private List<Checked> prepareAll(List<CheckedRows.Row> chunk, Layer layer) {
        List<Checked> prepared = new ArrayList<>(chunk.size());
        for (CheckedRows.Row row : chunk) {
            Feature feature = row.feature();
            prepared.add(new Checked(
                    row.number(),
                    new RowCheck.Result(feature, feature.id(), null),
                    store.prepareImport(layer, feature)));
        }
        return prepared;
    }

    /** The result of a chunk's check or of the reader, once it is done; what failed there fails here. */
    private static <T> T done(Future<T> work) throws IOException {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the rows were checked", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
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

    /**
     * Checks a batch's ids against the layer; while nothing was rejected, hands the batch to {@code insert} or
     * {@code saved} (when given), and once something is, stops saving. The rows accepted.
     */
    private long flush(
            Layer layer,
            List<Checked> batch,
            ImportJob.Rejections rejections,
            Consumer<List<PreparedImport>> insert,
            CheckedRows.Writer saved)
            throws IOException {
        if (batch.isEmpty()) {
            return 0;
        }
        Set<String> existing = store.existingIds(
                layer, batch.stream().map(c -> c.result().id()).toList());
        List<Checked> fresh = new ArrayList<>(batch.size());
        for (Checked c : batch) {
            String id = c.result().id();
            if (existing.contains(id)) {
                rejections.add(c.number(), id, "id " + id + " already exists in " + layer.id());
            } else {
                fresh.add(c);
            }
        }
        int accepted = batch.size() - existing.size();
        if (rejections.count() == 0) {
            if (insert != null) {
                insert.accept(fresh.stream().map(Checked::prepared).toList());
            }
            if (saved != null) {
                for (Checked c : fresh) {
                    saved.add(c.number(), c.encoded());
                }
            }
        } else if (saved != null) {
            saved.drop(); // a dry run that rejects rows cannot be committed as it is
        }
        batch.clear();
        return accepted;
    }

    /**
     * The job, if it exists and {@code actor} may see it (its owner, or an administrator): the one with a pass
     * under way here (its live progress), else as its folder records it, whichever instance staged it.
     */
    Optional<ImportJob> find(String id, String actor, boolean admin) {
        if (!STAGED.matcher(id).matches()) {
            return Optional.empty(); // no job's id, and never a path into or out of the staging folder
        }
        ImportJob job = running.get(id);
        if (job == null) {
            JobFolder folder = new JobFolder(root.resolve(id));
            if (folder.leaseExpiry(settings.stagedFor()).isBefore(Instant.now())) {
                // Nobody has used it for staged-for (a running pass renews the lease): expired, on every instance.
                folder.delete();
                return Optional.empty();
            }
            job = folder.load().orElse(null);
        }
        return job != null && (admin || job.actor.equals(actor)) ? Optional.of(job) : Optional.empty();
    }

    /**
     * Deletes the job and its files; one whose dry run is under way (on any instance) is marked cancelled, and
     * the instance reading it deletes it when the run ends. A 409 while it is being committed.
     */
    void cancel(ImportJob found) throws IOException {
        JobFolder folder = new JobFolder(found.dir);
        if (!claim(folder, found)) {
            throw new ImportConflictException("the import is being committed and cannot be cancelled");
        }
        Optional<ImportJob> job = folder.load();
        if (job.isPresent() && job.get().status == ImportJob.Status.READING) {
            folder.markCancelled(); // the claim stays: nothing is to commit or cancel it again
        } else {
            folder.delete();
        }
    }

    /**
     * Deletes the job folders in the staging folder whose lease has expired (left by a stopped instance,
     * or forgotten by one that shares the folder): never one with a pass under way here, nor one whose
     * lease still runs.
     */
    private void sweep() {
        Instant now = Instant.now();
        try (Stream<Path> folders = Files.list(root)) {
            folders.filter(p -> STAGED.matcher(p.getFileName().toString()).matches()
                            && !running.containsKey(p.getFileName().toString()))
                    .map(JobFolder::new)
                    .filter(f -> f.leaseExpiry(settings.stagedFor()).isBefore(now))
                    .forEach(f -> {
                        log.info(
                                "Deleting the expired staged import {} (lease: {})",
                                f.dir.getFileName(),
                                f.leaseExpiry(settings.stagedFor()));
                        f.delete();
                    });
        } catch (IOException e) {
            log.warn("Could not look for expired staged imports in {}: {}", root, e.getMessage());
        }
    }

    /** Extends the job's lease while it is read or committed, so that no instance takes it for abandoned. */
    private void renew(ImportJob job) {
        try {
            new JobFolder(job.dir).lease(instance, Instant.now().plus(settings.stagedFor()));
        } catch (IOException e) {
            log.warn("Could not renew the lease of staged import {}: {}", job.id, e.getMessage());
        }
    }

    /** Saves the job's state where a failure cannot change the caller's answer; logged. */
    private static void save(ImportJob job) {
        try {
            new JobFolder(job.dir).save(job);
        } catch (IOException e) {
            log.warn("Could not save the state of staged import {}: {}", job.id, e.getMessage());
        }
    }

    /** A dry run under way here ends with this instance, and no other can take it up: its job goes too. */
    @Override
    public void destroy() {
        dryRuns.shutdownNow();
        checkers.shutdownNow();
        readers.shutdownNow();
        running.values().stream()
                .filter(job -> job.status == ImportJob.Status.READING)
                .forEach(job -> new JobFolder(job.dir).delete());
    }
}
