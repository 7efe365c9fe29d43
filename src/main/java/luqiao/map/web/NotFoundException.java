package luqiao.map.web;

/** A named resource (layer, feature) that does not exist; answered 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
