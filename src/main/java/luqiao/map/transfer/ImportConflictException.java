package luqiao.map.transfer;

/** A request that does not fit the import's state (committing twice, committing during the dry run): 409. */
final class ImportConflictException extends RuntimeException {
    ImportConflictException(String message) {
        super(message);
    }
}
