package luqiao.map.transfer;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import luqiao.map.catalog.Layer;
import luqiao.map.geometry.Crs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One import job's folder in the staging folder, which several instances may share: the job is kept there,
 * not in an instance's memory, so that its status, commit and cancel work on whichever instance a request
 * reaches. The folder holds:
 * <ul>
 *   <li>the staged upload (and, for a zip, what it unpacked to), read again by a commit that cannot use:
 *   <li>{@value CheckedRows#FILE}, the rows a dry run that rejected nothing checked ({@link CheckedRows}), moved
 *       into place before the job is saved as ready; a commit with the same mapping reads these instead;
 *   <li>{@value #JOB}: what the job is (owner, layer, format, CRS and encoding, fields, mapping) and how far it
 *       got (status, progress, the dry-run report); replaced whole (a temporary file moved over it atomically),
 *       so a reader sees the old or the new state, never half of one;
 *   <li>{@value #LEASE}: the instance that last used the job and until when it stays ({@code staged-for}), renewed
 *       by whichever instance uses it;
 *   <li>{@value #CLAIM}, while a commit or a cancel is under way: created only if absent, an atomic step of the
 *       file system, so of two instances committing the same job at once exactly one gets it;
 *   <li>{@value #CANCELLED} when the job was cancelled during its dry run: the instance reading it deletes the
 *       folder when the dry run ends.
 * </ul>
 * Files rather than database rows: the upload has to be in this folder anyway, so the job and its files
 * stay together (written, found and deleted as one, by the lease that already governs the folder), and no
 * migration is needed for something that lives an hour.
 */
final class JobFolder {

    static final String JOB = "job.json";
    static final String LEASE = "lease";
    static final String CLAIM = "claim";
    static final String CANCELLED = "cancelled";

    /** What stays when a job's staged files are deleted (after its commit or a failed dry run). */
    private static final Set<String> KEPT = Set.of(JOB, LEASE, CLAIM, CANCELLED);

    private static final Logger log = LoggerFactory.getLogger(JobFolder.class);

    /** The job file's own mapper, so that its form does not change with the web API's JSON settings. */
    private static final ObjectMapper FILE_JSON = JsonMapper.builder().build();

    final Path dir;

    JobFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * The job as {@value #JOB} records it. The staged file is named relative to the folder, so instances
     * that mount the shared folder at different paths read it alike.
     */
    record Saved(
            String id,
            String layer,
            String actor,
            String created,
            String status,
            String format,
            String file,
            String crs,
            String crsSource,
            String encoding,
            String encodingSource,
            List<String> fields,
            Map<String, String> mapping,
            long total,
            long processed,
            ImportJob.Report report,
            String error,
            long imported) {}

    /** Replaces {@value #JOB} with the job's current state. */
    void save(ImportJob job) throws IOException {
        Saved saved = new Saved(
                job.id,
                job.layer.name(),
                job.actor,
                job.created.toString(),
                job.status.name(),
                job.upload.format().name(),
                dir.relativize(job.upload.file()).toString(),
                job.upload.crs().id(),
                job.upload.crsSource(),
                job.upload.encoding().name(),
                job.upload.encodingSource(),
                job.fields,
                job.mapping.targets(),
                job.total,
                job.processed.get(),
                job.report,
                job.error,
                job.imported);
        Path tmp = dir.resolve(JOB + ".tmp");
        Files.write(tmp, FILE_JSON.writeValueAsBytes(saved));
        Files.move(tmp, dir.resolve(JOB), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The job as last saved; empty when the folder has none (gone, cancelled, still being set up, or
     * written by a version of the server this one cannot read).
     */
    Optional<ImportJob> load() {
        if (Files.exists(dir.resolve(CANCELLED))) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(JOB));
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(job(FILE_JSON.readValue(bytes, Saved.class)));
        } catch (RuntimeException e) {
            log.warn("Staged import {} has a job file this server cannot read: {}", dir.getFileName(), e.getMessage());
            return Optional.empty();
        }
    }

    private ImportJob job(Saved s) {
        StagedUpload upload = new StagedUpload(
                StagedUpload.UploadFormat.valueOf(s.format()),
                dir.resolve(s.file()),
                Crs.of("crs", s.crs()),
                s.crsSource(),
                Charset.forName(s.encoding()),
                s.encodingSource());
        ImportJob job = new ImportJob(
                s.id(),
                Layer.valueOf(s.layer()),
                s.actor(),
                dir,
                upload,
                s.fields(),
                s.total(),
                new FieldMapping(s.mapping()),
                Instant.parse(s.created()));
        job.status = ImportJob.Status.valueOf(s.status());
        job.processed.set(s.processed());
        job.report = s.report();
        job.error = s.error();
        job.imported = s.imported();
        return job;
    }

    /** Takes the job for a commit or a cancel; false when another request (on any instance) holds it. */
    boolean claim() throws IOException {
        try {
            Files.createFile(dir.resolve(CLAIM));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    void release() {
        try {
            Files.deleteIfExists(dir.resolve(CLAIM));
        } catch (IOException e) {
            log.warn("Could not release staged import {}: {}", dir.getFileName(), e.getMessage());
        }
    }

    /** Marks the job cancelled during its dry run: the instance reading it deletes the folder when the run ends. */
    void markCancelled() throws IOException {
        try {
            Files.createFile(dir.resolve(CANCELLED));
        } catch (FileAlreadyExistsException e) {
            // cancelled twice: once is enough
        }
    }

    boolean cancelled() {
        return Files.exists(dir.resolve(CANCELLED));
    }

    /** Writes the lease: {@code instance} holds the job until {@code until}. */
    void lease(String instance, Instant until) throws IOException {
        Path tmp = dir.resolve(LEASE + ".tmp");
        Files.writeString(tmp, "owner=" + instance + "\nexpires=" + until + "\n");
        Files.move(tmp, dir.resolve(LEASE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Until when the lease runs; a folder without a readable lease counts {@code stagedFor} from when it last changed. */
    Instant leaseExpiry(java.time.Duration stagedFor) {
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
            return Files.getLastModifiedTime(dir).toInstant().plus(stagedFor);
        } catch (IOException e) {
            return Instant.MAX; // gone meanwhile, or unreadable: not ours to delete
        }
    }

    /** Deletes the staged upload, keeping the job's record, so that every instance can still tell what became of it. */
    void deleteStagedFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> !KEPT.contains(p.getFileName().toString())).forEach(JobFolder::deleteTree);
        } catch (IOException e) {
            log.warn("Could not delete staged import files in {}: {}", dir, e.getMessage());
        }
    }

    /** Deletes the folder and all in it; a failure is logged, since the caller's answer does not depend on it. */
    void delete() {
        deleteTree(dir);
    }

    /** Deletes a folder and all in it (also the red-line query's temporary ones); a failure is logged. */
    static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete staged import files in {}: {}", path, e.getMessage());
        }
    }
}
