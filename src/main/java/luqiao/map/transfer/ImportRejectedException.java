package luqiao.map.transfer;

/** A commit that found rows it cannot import: the transaction is rolled back, nothing is applied. */
final class ImportRejectedException extends RuntimeException {

    final transient ImportJob.Report report;

    ImportRejectedException(ImportJob.Report report) {
        super(report.rejectedCount() + " rows cannot be imported; nothing was imported");
        this.report = report;
    }
}
