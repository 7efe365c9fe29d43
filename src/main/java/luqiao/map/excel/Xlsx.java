package luqiao.map.excel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The media type and the number formats every .xlsx download shares, so a figure looks alike in each. */
public final class Xlsx {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final MediaType XLSX = MediaType.parseMediaType(MEDIA_TYPE);

    /** 万元, with thousands separators and two decimals. */
    public static final String WAN = "#,##0.00";
    /** 亩, as the land office writes them. */
    public static final String MU = "#,##0.00";
    /** Square metres and metres. */
    public static final String METRES = "#,##0.00";
    /** Counts. */
    public static final String COUNT = "#,##0";
    /** Dates as the district writes them; the cell holds a real date. */
    public static final String DATE = "yyyy-mm-dd";

    private Xlsx() {}

    /** {@code Content-Disposition} of a download saved as {@code fileName} (UTF-8 names allowed). */
    public static String attachment(String fileName) {
        return ContentDisposition.attachment()
                .filename(fileName, StandardCharsets.UTF_8)
                .build()
                .toString();
    }

    /**
     * A workbook of a few hundred rows, built in memory by {@code sheets} and answered as a download named
     * {@code fileName}. (A layer's export, which can be large, streams its book instead.)
     */
    public static ResponseEntity<byte[]> download(String fileName, Consumer<XlsxBook> sheets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxBook book = new XlsxBook()) {
            sheets.accept(book);
            book.writeTo(out);
        }
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(fileName))
                .body(out.toByteArray());
    }
}
