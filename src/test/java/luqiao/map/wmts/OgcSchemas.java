package luqiao.map.wmts;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The OGC schemas, read from the class path (the test dependencies {@code org.ogc-schemas:ogc-schemas}, a copy of
 * schemas.opengis.net, and {@code org.hisrc.w3c:w3c-schemas} for the W3C's xlink.xsd and xml.xsd), never from the
 * network: every schema location is mapped to its copy, and one without a copy fails the test.
 */
final class OgcSchemas {

    /** WMTS 1.0 (its latest corrigendum, schema version 1.0.2) with OWS 1.1, GML 3.1.1 and XLink. */
    static final Schema WMTS_CAPABILITIES =
            load("http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd");
    /** The OWS 1.1 ExceptionReport. */
    static final Schema OWS_EXCEPTION_REPORT = load("http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd");

    private static final String OGC = "http://schemas.opengis.net/";
    private static final String W3C = "http://www.w3.org/";

    private OgcSchemas() {}

    /** What the validator finds wrong with the document: empty when it is valid. */
    static List<String> errors(Schema schema, String xml) {
        List<String> errors = new ArrayList<>();
        Validator validator = schema.newValidator();
        validator.setResourceResolver(OgcSchemas::resolve);
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) {
                errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }
        });
        try {
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException e) {
            errors.add(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return errors;
    }

    private static Schema load(String url) {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setResourceResolver(OgcSchemas::resolve);
        try {
            return factory.newSchema(new StreamSource(open(URI.create(url)), url));
        } catch (SAXException e) {
            throw new IllegalStateException("the schema " + url + " does not load from the class path", e);
        }
    }

    private static LSInput resolve(String type, String namespace, String publicId, String systemId, String baseUri) {
        URI location =
                baseUri == null ? URI.create(systemId) : URI.create(baseUri).resolve(systemId);
        try {
            LSInput input = ((DOMImplementationLS) DocumentBuilderFactory.newInstance()
                            .newDocumentBuilder()
                            .getDOMImplementation())
                    .createLSInput();
            input.setSystemId(location.toString());
            input.setPublicId(publicId);
            input.setByteStream(open(location));
            return input;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class-path copy of a schema location; a location without one is an error, never a download. */
    private static InputStream open(URI location) {
        String url = location.normalize().toString();
        String resource = url.startsWith(OGC)
                ? "ogc/" + url.substring(OGC.length())
                : url.startsWith(W3C) ? "w3c/" + url.substring(W3C.length()) : null;
        InputStream in =
                resource == null ? null : OgcSchemas.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("no class-path copy of the schema " + url);
        }
        return in;
    }
}
