package luqiao.map.transfer;

/** A signed-in user whose roles do not allow importing into the layer: 403. */
final class ImportForbiddenException extends RuntimeException {
    ImportForbiddenException(String message) {
        super(message);
    }
}
