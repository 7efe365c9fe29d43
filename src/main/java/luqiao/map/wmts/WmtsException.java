package luqiao.map.wmts;

/**
 * A request the WMTS cannot answer, reported as an OWS 1.1 ExceptionReport ({@link ExceptionReport}) with
 * one of the exception codes of WMTS 1.0 (OGC 07-057r7, tables 20 and 24) and, as its locator, the name of
 * the parameter at fault.
 */
class WmtsException extends RuntimeException {

    /** The exception codes WMTS 1.0 names for GetCapabilities and GetTile. */
    enum Code {
        MissingParameterValue(400),
        InvalidParameterValue(400),
        TileOutOfRange(400),
        VersionNegotiationFailed(400),
        OperationNotSupported(501);

        private final int kvpStatus;

        Code(int kvpStatus) {
            this.kvpStatus = kvpStatus;
        }

        /** The HTTP status the standard gives the code in the KVP binding. */
        int kvpStatus() {
            return kvpStatus;
        }
    }

    private final Code code;
    private final String locator;

    WmtsException(Code code, String locator, String text) {
        super(text);
        this.code = code;
        this.locator = locator;
    }

    Code code() {
        return code;
    }

    /** The parameter at fault, as the KVP binding names it (e.g. {@code TileRow}). */
    String locator() {
        return locator;
    }
}
