package luqiao.map.frontend;

/**
 * Data that is the same for every visitor of a deployment, written into the pages at startup wherever a
 * page holds the empty element {@code <script type="application/json" id="<id>"></script>}: the page then
 * needs no request for it. An endpoint serving the same data stays for other clients.
 */
public interface PageData {

    /** The id of the page element that carries the data, e.g. {@code map-config}. */
    String id();

    /** The data, written as JSON. */
    Object value();
}
