package luqiao.map.geometry;

/**
 * A coordinate, box or CRS given by a caller that cannot be used. Carries the name of the request
 * parameter (or body member) it came from, so the web layer can answer 400 naming it.
 */
public class GeometryArgumentException extends IllegalArgumentException {

    private final String parameter;

    public GeometryArgumentException(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    /** The parameter at fault, as the caller named it. */
    public String parameter() {
        return parameter;
    }
}
