package luqiao.map.cql2;

/**
 * A filter the server cannot accept: bad syntax, an unsupported construct, a type mismatch or a
 * property the caller may not use. The message is meant to be returned to the client as-is
 * (HTTP 400), so it never contains SQL or server internals.
 */
public final class Cql2Exception extends RuntimeException {

    /** Position unknown, e.g. for CQL2-JSON or for checks made on the tree after parsing. */
    public static final int NO_POSITION = -1;

    private final int position;
    private final String property;

    private Cql2Exception(String reason, int position, String property) {
        super(position == NO_POSITION ? reason : reason + " at position " + position);
        this.position = position;
        this.property = property;
    }

    public Cql2Exception(String reason) {
        this(reason, NO_POSITION, null);
    }

    static Cql2Exception at(int position, String reason) {
        return new Cql2Exception(reason, position, null);
    }

    static Cql2Exception aboutProperty(String property, String reason) {
        return new Cql2Exception(reason, NO_POSITION, property);
    }

    /** The reason without the position suffix. */
    public String reason() {
        String message = getMessage();
        return position == NO_POSITION ? message : message.substring(0, message.lastIndexOf(" at position "));
    }

    /** 0-based character offset in CQL2-text, or {@link #NO_POSITION}. */
    public int position() {
        return position;
    }

    /** The offending property name for unknown or forbidden properties, otherwise null. */
    public String property() {
        return property;
    }

    /** Attaches a text position to an error raised while building a node, unless it has one. */
    Cql2Exception withPosition(int newPosition) {
        return position == NO_POSITION ? new Cql2Exception(getMessage(), newPosition, property) : this;
    }
}
