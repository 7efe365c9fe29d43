package luqiao.map.features;

import java.util.List;
import luqiao.map.web.InvalidParameterException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** The encodings of every OGC API resource: JSON (GeoJSON for features) or HTML for people. */
enum Format {
    JSON,
    HTML;

    /** From {@code f=json|html}, else the Accept header: a browser asking for HTML gets HTML. */
    static Format of(String f, String accept) {
        if (f != null) {
            return switch (f.toLowerCase(java.util.Locale.ROOT)) {
                case "json", "geojson", "application/json", "application/geo+json" -> JSON;
                case "html", "text/html" -> HTML;
                default -> throw new InvalidParameterException("f", "f must be json or html");
            };
        }
        if (accept == null) {
            return JSON;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new InvalidParameterException(
                    "Accept", "the Accept header is not a list of media types (RFC 9110): " + e.getMessage());
        }
        for (MediaType type : types) {
            if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
                return HTML;
            }
            if (List.of("json", "geo+json", "schema+json", "vnd.oai.openapi+json")
                    .contains(type.getSubtype())) {
                return JSON;
            }
        }
        return JSON;
    }
}
