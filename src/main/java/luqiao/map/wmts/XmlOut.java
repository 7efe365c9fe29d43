package luqiao.map.wmts;

import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A small indenting XML writer over StAX (which escapes text and attributes), for the documents the WMTS
 * sends. Writing to a string cannot fail, so its checked exceptions become unchecked ones here.
 */
final class XmlOut {

    private final StringWriter text = new StringWriter();
    private final XMLStreamWriter xml;
    private int depth;
    private boolean leaf;

    /** A document whose elements take these prefixes (prefix, URI pairs), declared where {@link #start} says. */
    XmlOut(String... prefixes) {
        try {
            xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            for (int i = 0; i < prefixes.length; i += 2) {
                xml.setPrefix(prefixes[i], prefixes[i + 1]);
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens an element; the namespaces given (prefix, URI pairs, "" for the default) are declared on it. */
    XmlOut start(String namespace, String name, String... declarations) {
        try {
            newLine();
            xml.writeStartElement(namespace, name);
            for (int i = 0; i < declarations.length; i += 2) {
                if (declarations[i].isEmpty()) {
                    xml.writeDefaultNamespace(declarations[i + 1]);
                } else {
                    xml.writeNamespace(declarations[i], declarations[i + 1]);
                }
            }
            depth++;
            leaf = true;
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    XmlOut attribute(String name, String value) {
        try {
            xml.writeAttribute(name, legal(value));
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    XmlOut attribute(String namespace, String name, String value) {
        try {
            xml.writeAttribute(namespace, name, legal(value));
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code xml:lang} on the open element. */
    XmlOut lang(String language) {
        return attribute(XMLConstants.XML_NS_URI, "lang", language);
    }

    XmlOut end() {
        try {
            depth--;
            if (!leaf) {
                newLine();
            }
            xml.writeEndElement();
            leaf = false;
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An element holding only text. */
    XmlOut element(String namespace, String name, Object value) {
        start(namespace, name);
        try {
            xml.writeCharacters(legal(String.valueOf(value)));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return end();
    }

    /** The document, with every element closed; the writer is done. */
    String document() {
        try {
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return text.append('\n').toString();
    }

    /**
     * The text with every character XML 1.0 cannot carry, escaped or not (control characters, lone surrogates,
     * U+FFFE and U+FFFF), replaced by U+FFFD: an exception report may quote what a caller sent.
     */
    static String legal(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean ok = pair
                    || c == '\t'
                    || c == '\n'
                    || c == '\r'
                    || (c >= 0x20 && c < 0xD800)
                    || (c > 0xDFFF && c < 0xFFFE);
            if (!ok && out == null) {
                out = new StringBuilder(text.substring(0, i));
            }
            if (out != null) {
                out.append(ok ? c : '\uFFFD');
                if (pair) {
                    out.append(text.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    private void newLine() throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }
}
