package luqiao.map.transfer;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Import and export settings ({@code luqiao.transfer.*} in application.yml; environment variables such
 * as {@code LUQIAO_TRANSFER_MAX_UPLOAD_SIZE}).
 *
 * @param stagingDir          where uploads and their import jobs wait between dry run and commit; empty:
 *                            {@code luqiao-imports} in the system's temporary folder. Several instances may share
 *                            it, and then each knows every job ({@link JobFolder}); each job folder holds a lease,
 *                            and an instance deletes only folders whose lease expired
 * @param maxUploadSize       the largest upload accepted; more is a 413 (imports are exempt from
 *                            {@code luqiao.security.max-body-size}); an announced larger Content-Length is
 *                            refused before the body is read
 * @param maxUnpackedSize     the most a zip upload may unpack to, by its declared sizes and while it is
 *                            unpacked; more is a 413
 * @param maxZipEntries       the most entries a zip upload may hold; more is a 413
 * @param maxCompressionRatio the largest unpacked/packed ratio of a zip entry of more than 1 MB; more is a 413
 * @param maxStagedTotal      the most all staged uploads in the staging folder may take; an upload that
 *                            would pass it is refused with 507
 * @param batchSize           rows per JDBC batch (on PostgreSQL: per COPY) when an import is committed
 * @param checkThreads        threads (shared by all imports) that check rows, in chunks, while one thread per import
 *                            reads its file and writes: at most {@code 2 × checkThreads} chunks wait, so memory stays
 *                            bounded
 * @param maxReportedRejections rejected rows listed in a report (all are counted)
 * @param stagedFor           how long an upload that was neither committed nor cancelled is kept
 * @param redLineMaxSize      the largest red-line file of the parcel query ({@code POST /api/analysis/redline});
 *                            more is a 413, and a zipped one may unpack to 20 times this
 * @param xlsxMaxSize         the largest .xlsx of project updates ({@code POST /api/projects/batch/xlsx}); more is
 *                            a 413, and one part of it (a sheet) may unpack to 10 times this
 * @param xlsxMaxRows         the most project rows such a sheet may hold; more is a 422
 */
@Validated
@ConfigurationProperties("luqiao.transfer")
public record TransferProperties(
        @DefaultValue("") String stagingDir,
        @DefaultValue("1GB") DataSize maxUploadSize,
        @DefaultValue("2GB") DataSize maxUnpackedSize,
        @DefaultValue("1000") @Min(1) int maxZipEntries,
        @DefaultValue("200") @Min(1) int maxCompressionRatio,
        @DefaultValue("10GB") DataSize maxStagedTotal,
        @DefaultValue("1000") @Min(1) int batchSize,
        @DefaultValue("2") @Min(1) int checkThreads,
        @DefaultValue("1000") @Min(1) int maxReportedRejections,
        @DefaultValue("1h") Duration stagedFor,
        @DefaultValue("5MB") DataSize redLineMaxSize,
        @DefaultValue("5MB") DataSize xlsxMaxSize,
        @DefaultValue("5000") @Min(1) int xlsxMaxRows) {}
