package luqiao.map.features;

import java.util.List;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * Plain HTML views of the OGC API resources: readable in a browser and crawlable, no scripts.
 * Every value is escaped: feature names are user data.
 */
final class Html {

    private final StringBuilder body = new StringBuilder();
    private final String title;

    Html(String title) {
        this.title = title;
    }

    Html heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    Html paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    Html links(List<Map<String, String>> links) {
        body.append("<ul>\n");
        for (Map<String, String> link : links) {
            body.append("<li><a href=\"")
                    .append(escape(link.get("href")))
                    .append("\">")
                    .append(escape(link.getOrDefault("title", link.get("rel"))))
                    .append("</a> <small>")
                    .append(escape(link.get("rel")))
                    .append(", ")
                    .append(escape(link.getOrDefault("type", "")))
                    .append("</small></li>\n");
        }
        body.append("</ul>\n");
        return this;
    }

    Html properties(Map<String, ?> values) {
        body.append("<table>\n");
        values.forEach((k, v) -> body.append("<tr><th>")
                .append(escape(k))
                .append("</th><td>")
                .append(escape(v == null ? "" : v.toString()))
                .append("</td></tr>\n"));
        body.append("</table>\n");
        return this;
    }

    /** A table with a header row; the first column links to {@code hrefs} when given. */
    Html table(List<String> header, List<? extends List<?>> rows, List<String> hrefs) {
        body.append("<table>\n<tr>");
        header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (int r = 0; r < rows.size(); r++) {
            body.append("<tr>");
            List<?> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                String cell = escape(row.get(c) == null ? "" : row.get(c).toString());
                if (c == 0 && hrefs != null) {
                    cell = "<a href=\"" + escape(hrefs.get(r)) + "\">" + cell + "</a>";
                }
                body.append("<td>").append(cell).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    String render() {
        return "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>"
                + "body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:70rem}table{border-collapse:collapse}"
                + "th,td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}th{background:#f3f5f7}"
                + "</style></head><body><p><a href=\"/ogc?f=html\">Luqiao Map · OGC API</a></p><h1>" + escape(title)
                + "</h1>\n"
                + body + "</body></html>\n";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
