package luqiao.map.excel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import luqiao.map.web.ProblemException;
import org.apache.poi.EmptyFileException;
import org.apache.poi.UnsupportedFileFormatException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.InvalidOperationException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * An uploaded .xlsx opened for reading, or refused: a body that is not a zip (a CSV, an old binary .xls)
 * is a 415, a broken zip or a zip that is no workbook a 400, and so is a decompression bomb, which POI's
 * {@link ZipSecureFile} detects by its inflate ratio (kept at POI's 1 %) and by the size of an unpacked
 * part (at most {@code maxUnpackedPart}). The body is read from a temporary file, as POI reads a zip
 * safely only from a file; the file is deleted when the workbook is closed.
 */
public final class XlsxUpload implements AutoCloseable {

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    private final Path file;
    private final XSSFWorkbook workbook;

    private XlsxUpload(Path file, XSSFWorkbook workbook) {
        this.file = file;
        this.workbook = workbook;
    }

    /**
     * Checks the declared type (an .xlsx, {@code application/octet-stream} or none; else 415) and the content,
     * then opens the workbook.
     *
     * @param maxUnpackedPart the most one part of the workbook (a sheet's XML) may unpack to, in bytes
     */
    public static XlsxUpload open(byte[] body, MediaType declared, long maxUnpackedPart) throws IOException {
        if (declared != null
                && !declared.isCompatibleWith(Xlsx.XLSX)
                && !declared.isCompatibleWith(MediaType.APPLICATION_OCTET_STREAM)) {
            throw unsupported("the upload is " + declared + "; send the .xlsx file as " + Xlsx.MEDIA_TYPE
                    + " or application/octet-stream");
        }
        if (startsWith(body, OLE2)) {
            throw unsupported("the file is an old Excel 97-2003 workbook (.xls); save it as .xlsx");
        }
        if (!startsWith(body, ZIP)) {
            throw unsupported("the file is not an .xlsx workbook (an .xlsx is a zip, starting with PK)");
        }
        // Global in POI: the ratio check stays at POI's default (1 %); the size of one part is bounded here.
        ZipSecureFile.setMaxEntrySize(maxUnpackedPart);
        Path file = Files.createTempFile("luqiao-upload", ".xlsx");
        try {
            Files.write(file, body);
            OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            try {
                return new XlsxUpload(file, new XSSFWorkbook(pkg));
            } catch (RuntimeException | IOException e) {
                pkg.revert();
                throw e;
            }
        } catch (InvalidFormatException
                | InvalidOperationException
                | UnsupportedFileFormatException
                | EmptyFileException
                | IOException
                | org.apache.poi.ooxml.POIXMLException e) {
            Files.deleteIfExists(file);
            throw broken(e, file);
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    public XSSFWorkbook workbook() {
        return workbook;
    }

    @Override
    public void close() throws IOException {
        try {
            // Opened read-only: revert closes the package without writing to it.
            workbook.getPackage().revert();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static ProblemException broken(Exception e, Path file) {
        boolean bomb = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            bomb |= t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("zip bomb");
        }
        if (bomb) {
            return new ProblemException(
                            HttpStatus.BAD_REQUEST,
                            "Workbook refused",
                            "the file unpacks to far more than it holds (a decompression bomb); nothing was read")
                    .with("field", "file");
        }
        // POI's messages may name the temporary file; the caller knows it only as the upload.
        String reason =
                e.getMessage() == null ? "" : ": " + firstLine(e.getMessage().replace(file.toString(), "the upload"));
        return new ProblemException(
                        HttpStatus.BAD_REQUEST, "Broken workbook", "the file is not a readable .xlsx workbook" + reason)
                .with("field", "file");
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Not an .xlsx workbook", detail)
                .with("field", "file");
    }

    private static boolean startsWith(byte[] body, byte[] magic) {
        if (body == null || body.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (body[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
