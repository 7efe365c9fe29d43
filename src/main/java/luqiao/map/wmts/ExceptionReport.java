package luqiao.map.wmts;

/** The OWS 1.1 ExceptionReport document of one {@link WmtsException} (OWS Common 06-121r3, 8.5). */
final class ExceptionReport {

    static final String OWS = "http://www.opengis.net/ows/1.1";

    private ExceptionReport() {}

    static String of(WmtsException e) {
        XmlOut xml = new XmlOut("ows", OWS);
        xml.start(OWS, "ExceptionReport", "ows", OWS)
                .attribute("version", "1.1.0")
                .lang("en");
        xml.start(OWS, "Exception").attribute("exceptionCode", e.code().name());
        if (e.locator() != null) {
            xml.attribute("locator", e.locator());
        }
        xml.element(OWS, "ExceptionText", e.getMessage());
        xml.end().end();
        return xml.document();
    }
}
