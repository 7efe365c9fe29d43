package luqiao.map.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import luqiao.map.geometry.Crs;
import luqiao.map.web.InvalidParameterException;
import luqiao.map.web.ProblemException;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.ObjectMapper;

/**
 * An uploaded file on disk with what was found out about it before any record is read: its format,
 * CRS and attribute encoding. Anything that makes the whole file unusable (a broken zip, a truncated
 * shapefile, an unsupported CRS, no geometry column) is a 400 naming {@code file}, {@code crs} or
 * {@code encoding} here, before a job is started.
 *
 * @param file         the file records are read from (for a zipped shapefile, the extracted {@code .shp})
 * @param crsSource    where the CRS came from: {@code prj}, {@code file}, {@code parameter} or {@code default}
 * @param encodingSource where the encoding came from: {@code cpg}, {@code parameter}, {@code dbf}, {@code detected} or {@code format}
 */
record StagedUpload(
        UploadFormat format, Path file, Crs crs, String crsSource, Charset encoding, String encodingSource) {

    enum UploadFormat {
        GEOJSON,
        SHAPEFILE,
        CSV,
        GEOPACKAGE
    }

    private static final int SAMPLE_BYTES = 1 << 20;

    /** Opens the records for reading; a GeoJSON geometry of more than {@code maxVertices} positions is not built (the row says why). */
    FeatureSource open(ObjectMapper json, int maxVertices) throws IOException {
        return switch (format) {
            case GEOJSON -> new GeoJsonSource(json, file, maxVertices);
            case SHAPEFILE -> new ShapefileSource(file, encoding);
            case CSV -> new CsvSource(file, encoding);
            case GEOPACKAGE -> new GeoPackageSource(file);
        };
    }

    /**
     * Finds out what {@code upload} (saved in {@code dir}) holds. {@code crsParameter} and
     * {@code encodingParameter} (may be null) override what the file says.
     */
    static StagedUpload of(
            ObjectMapper json,
            Path dir,
            Path upload,
            String filename,
            String crsParameter,
            String encodingParameter,
            ZipLimits limits)
            throws IOException {
        Crs crsOverride = crsParameter == null || crsParameter.isBlank() ? null : Crs.of("crs", crsParameter);
        Charset encodingOverride = encodingParameter == null || encodingParameter.isBlank()
                ? null
                : TextEncoding.named(encodingParameter)
                        .orElseThrow(() -> new InvalidParameterException(
                                "encoding",
                                "encoding: unknown character encoding '" + encodingParameter
                                        + "'; use UTF-8, GBK or GB18030"));
        UploadFormat format = detect(upload, filename);
        Path file = upload;
        if (format == null) {
            List<Path> extracted = unzip(upload, dir.resolve("files"), limits, crsOverride);
            Path shp = single(extracted, ".shp");
            if (shp != null) {
                return shapefile(shp, crsOverride, encodingOverride);
            }
            file = extracted.stream()
                    .filter(p -> detect(p, p.getFileName().toString()) != null)
                    .findFirst()
                    .orElseThrow(() -> new InvalidParameterException(
                            "file",
                            "file: the zip archive holds no shapefile (.shp), " + "GeoJSON, CSV or GeoPackage"));
            format = detect(file, file.getFileName().toString());
        }
        return switch (format) {
            case GEOJSON -> {
                Optional<String> declared = GeoJsonSource.declaredCrs(json, file);
                Crs crs = crsOverride != null
                        ? crsOverride
                        : declared.map(name -> Crs.find(name)
                                        .orElseThrow(() -> unsupported("the GeoJSON names the CRS '" + name + "'")))
                                .orElse(Crs.CRS84);
                yield new StagedUpload(
                        format,
                        file,
                        crs,
                        crsOverride != null ? "parameter" : declared.isPresent() ? "file" : "default",
                        StandardCharsets.UTF_8,
                        "format");
            }
            case CSV -> {
                Charset encoding = encodingOverride != null ? encodingOverride : guess(file, 0, true);
                yield new StagedUpload(
                        format,
                        file,
                        crsOverride != null ? crsOverride : Crs.CRS84,
                        crsOverride != null ? "parameter" : "default",
                        encoding,
                        encodingOverride != null ? "parameter" : "detected");
            }
            case GEOPACKAGE -> {
                Crs crs = crsOverride;
                if (crs == null) {
                    try (GeoPackageSource source = new GeoPackageSource(file)) {
                        crs = source.crs().orElseThrow(() -> unsupported("the GeoPackage's spatial reference system"));
                    }
                }
                yield new StagedUpload(
                        format,
                        file,
                        crs,
                        crsOverride != null ? "parameter" : "file",
                        StandardCharsets.UTF_8,
                        "format");
            }
            case SHAPEFILE ->
                throw new InvalidParameterException(
                        "file",
                        "file: upload a shapefile as a zip archive holding its .shp, .shx, .dbf and .prj (and .cpg) files");
        };
    }

    private static StagedUpload shapefile(Path shp, Crs crsOverride, Charset encodingOverride) throws IOException {
        try {
            ShapefileSource.checkComplete(shp);
            ShapefileSource.sibling(shp, ".dbf");
        } catch (IOException e) {
            throw new InvalidParameterException("file", "file: " + e.getMessage());
        }
        Crs crs = crsOverride;
        String crsSource = "parameter";
        if (crs == null) {
            Path prj;
            try {
                prj = ShapefileSource.sibling(shp, ".prj");
            } catch (IOException e) {
                throw new InvalidParameterException(
                        "crs",
                        "crs: the shapefile has no .prj file; name its CRS with the crs parameter (" + supportedIds()
                                + ")");
            }
            String wkt = Files.readString(prj, StandardCharsets.ISO_8859_1);
            crs = PrjCrs.recognise(wkt).orElseThrow(() -> unsupported("the .prj describes '" + PrjCrs.name(wkt) + "'"));
            crsSource = "prj";
        }
        if (encodingOverride != null) {
            return new StagedUpload(UploadFormat.SHAPEFILE, shp, crs, crsSource, encodingOverride, "parameter");
        }
        Optional<Path> cpg = optionalSibling(shp, ".cpg");
        if (cpg.isPresent()) {
            String name =
                    Files.readString(cpg.get(), StandardCharsets.ISO_8859_1).strip();
            Charset encoding = TextEncoding.named(name)
                    .orElseThrow(
                            () -> new InvalidParameterException(
                                    "encoding",
                                    "encoding: the .cpg names '" + name
                                            + "', an encoding this server does not know; name one with the encoding parameter"));
            return new StagedUpload(UploadFormat.SHAPEFILE, shp, crs, crsSource, encoding, "cpg");
        }
        Path dbf = ShapefileSource.sibling(shp, ".dbf");
        byte[] head = new byte[32];
        int headerLength;
        try (InputStream in = Files.newInputStream(dbf)) {
            if (in.readNBytes(head, 0, 32) < 32) {
                throw new InvalidParameterException("file", "file: the .dbf file is truncated");
            }
            headerLength = (head[8] & 0xFF) | (head[9] & 0xFF) << 8;
        }
        int languageDriver = head[29] & 0xFF;
        if (languageDriver == 0x4D || languageDriver == 0x7A) {
            return new StagedUpload(UploadFormat.SHAPEFILE, shp, crs, crsSource, TextEncoding.GBK, "dbf");
        }
        return new StagedUpload(
                UploadFormat.SHAPEFILE, shp, crs, crsSource, guess(dbf, headerLength, false), "detected");
    }

    private static Charset guess(Path file, long skip, boolean asciiIsUtf8) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(Math.min(skip, Files.size(file)));
            byte[] sample = new byte[SAMPLE_BYTES];
            int n = in.readNBytes(sample, 0, sample.length);
            return TextEncoding.guess(sample, n, asciiIsUtf8);
        }
    }

    private static InvalidParameterException unsupported(String what) {
        return new InvalidParameterException(
                "crs",
                "crs: " + what + ", a coordinate reference system this server does not support;" + " supported are "
                        + supportedIds() + " (or name the CRS with the crs parameter)");
    }

    private static String supportedIds() {
        return String.join(", ", Crs.supported().stream().map(Crs::id).toList());
    }

    /** The format a file name or the first bytes show; null for a zip archive (looked into later). */
    private static UploadFormat detect(Path file, String filename) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (name.endsWith(".geojson") || name.endsWith(".json")) {
            return UploadFormat.GEOJSON;
        }
        if (name.endsWith(".csv")) {
            return UploadFormat.CSV;
        }
        if (name.endsWith(".gpkg")) {
            return UploadFormat.GEOPACKAGE;
        }
        if (name.endsWith(".shp")) {
            return UploadFormat.SHAPEFILE;
        }
        if (name.endsWith(".zip")) {
            return null;
        }
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 16);
        } catch (IOException e) {
            throw new InvalidParameterException("file", "file: the upload cannot be read");
        }
        String start = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (start.startsWith("PK\u0003\u0004")) {
            return null;
        }
        if (start.startsWith("SQLite format 3")) {
            return UploadFormat.GEOPACKAGE;
        }
        if (start.stripLeading().startsWith("{") || start.startsWith("\u00EF\u00BB\u00BF{")) {
            return UploadFormat.GEOJSON;
        }
        throw new InvalidParameterException(
                "file",
                "file: the format of '" + filename + "' is not recognised; upload GeoJSON (.geojson),"
                        + " a zipped shapefile (.zip), CSV (.csv) or a GeoPackage (.gpkg)");
    }

    /**
     * What a zip upload may unpack to: {@code maxBytes} in all, {@code maxEntries} entries, a ratio of
     * {@code maxRatio} for entries over {@link #RATIO_FLOOR} bytes, and what {@code stagingLeft} says is left of
     * the staging quota. Each is checked against the zip's own directory before anything is unpacked,
     * and the actual bytes while unpacking (a zip whose declared sizes lie is refused).
     */
    record ZipLimits(long maxBytes, int maxEntries, int maxRatio, java.util.function.LongSupplier stagingLeft) {}

    /** Entries smaller than this are not checked for their compression ratio (a tiny, highly compressible .dbf is no bomb). */
    static final long RATIO_FLOOR = 1 << 20;

    /** The most a .prj or .cpg may have: they are read from the archive into memory. */
    private static final int SMALL_MEMBER = 64 * 1024;

    /**
     * Extracts the archive's files (flattened: only names are kept, so no entry can write outside
     * {@code target}) once its directory passed the {@code limits}. For a shapefile the .prj (its CRS)
     * is checked first, so a shapefile without one, or in a CRS this server does not support, is
     * refused before its .shp and .dbf are written.
     */
    private static List<Path> unzip(Path zip, Path target, ZipLimits limits, Crs crsOverride) throws IOException {
        Files.createDirectories(target);
        List<Path> files = new ArrayList<>();
        checkDirectorySize(zip, limits.maxEntries());
        try (ZipFile archive = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            if (archive.size() > limits.maxEntries()) {
                throw tooLarge(
                        "the zip archive holds " + archive.size() + " entries; at most " + limits.maxEntries()
                                + " are accepted",
                        "luqiao.transfer.max-zip-entries");
            }
            List<ZipEntry> members = new ArrayList<>();
            long declared = 0;
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = memberName(entry);
                if (entry.isDirectory()
                        || name.isEmpty()
                        || name.startsWith(".")
                        || entry.getName().contains("__MACOSX")) {
                    continue;
                }
                members.add(entry);
                declared += Math.max(entry.getSize(), 0);
                if (entry.getSize() < 0 || declared > limits.maxBytes()) {
                    throw tooLarge(
                            "the zip archive unpacks to "
                                    + (entry.getSize() < 0
                                            ? "an undeclared size"
                                            : "more than " + limits.maxBytes() + " bytes")
                                    + "; at most " + limits.maxBytes() + " are accepted",
                            "luqiao.transfer.max-unpacked-size");
                }
            }
            long left = limits.stagingLeft().getAsLong();
            if (declared > left) {
                throw new ProblemException(
                                HttpStatus.INSUFFICIENT_STORAGE,
                                "Staging folder full",
                                "the zip archive unpacks to " + declared + " bytes; the staging folder has room for "
                                        + Math.max(left, 0)
                                        + " more (luqiao.transfer.max-staged-total); commit or cancel other imports, or try later")
                        .with("limit", "luqiao.transfer.max-staged-total");
            }
            for (ZipEntry entry : members) {
                long packed = Math.max(entry.getCompressedSize(), 1);
                if (entry.getSize() > RATIO_FLOOR && entry.getSize() / packed > limits.maxRatio()) {
                    throw tooLarge(
                            "the zip entry " + memberName(entry) + " is compressed " + entry.getSize() / packed
                                    + " to 1; at most " + limits.maxRatio() + " to 1 is accepted",
                            "luqiao.transfer.max-compression-ratio");
                }
            }
            List<ZipEntry> shapefiles = members.stream()
                    .filter(e -> lower(memberName(e)).endsWith(".shp"))
                    .toList();
            if (shapefiles.size() == 1) {
                checkShapefileMembers(archive, members, memberName(shapefiles.get(0)), crsOverride);
            }
            long total = 0;
            for (ZipEntry entry : members) {
                String name = memberName(entry);
                Path out = target.resolve(name);
                try (InputStream in = archive.getInputStream(entry);
                        OutputStream o = Files.newOutputStream(out)) {
                    byte[] buffer = new byte[1 << 16];
                    long written = 0;
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        written += n;
                        total += n;
                        if (written > entry.getSize() || total > limits.maxBytes()) {
                            throw new InvalidParameterException(
                                    "file",
                                    "file: the zip entry " + name + " unpacks to more than the " + entry.getSize()
                                            + " bytes its directory declares; the archive is refused");
                        }
                        o.write(buffer, 0, n);
                    }
                }
                files.add(out);
            }
        } catch (ZipException e) {
            throw new InvalidParameterException("file", "file: not a readable zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            if (e instanceof java.io.EOFException || e.getCause() instanceof ZipException) {
                throw new InvalidParameterException("file", "file: the zip archive is broken (" + e.getMessage() + ")");
            }
            throw e;
        }
        return files;
    }

    /**
     * Reads the entry count and directory size from the zip's end record before {@link ZipFile} loads
     * the whole directory into memory: a directory of millions of entries is refused without reading it.
     */
    private static void checkDirectorySize(Path zip, int maxEntries) throws IOException {
        long entries = -1;
        long directory = -1;
        try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(zip)) {
            long size = f.size();
            int tail = (int) Math.min(size, 22 + 0xFFFF + 20);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(tail).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            f.read(b, size - tail);
            for (int i = tail - 22; i >= 0; i--) {
                if (b.getInt(i) == 0x06054b50) {
                    entries = b.getShort(i + 10) & 0xFFFF;
                    directory = b.getInt(i + 12) & 0xFFFFFFFFL;
                    if ((entries == 0xFFFF || directory == 0xFFFFFFFFL) && i >= 20 && b.getInt(i - 20) == 0x07064b50) {
                        java.nio.ByteBuffer z =
                                java.nio.ByteBuffer.allocate(56).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                        long at = b.getLong(i - 12);
                        if (at >= 0 && at + 56 <= size && f.read(z, at) == 56 && z.getInt(0) == 0x06064b50) {
                            entries = z.getLong(32);
                            directory = z.getLong(40);
                        }
                    }
                    break;
                }
            }
        }
        // A directory record is 46 bytes and its name, extra field and comment up to 64 KB each; 1 KB is generous.
        if (entries > maxEntries || entries < -1 || directory > (long) maxEntries * 1024 || directory < -1) {
            throw tooLarge(
                    "the zip archive holds "
                            + (entries > maxEntries ? entries + " entries" : "a directory of " + directory + " bytes")
                            + "; at most " + maxEntries + " entries are accepted",
                    "luqiao.transfer.max-zip-entries");
        }
    }

    /**
     * A zipped shapefile's members as its directory lists them: the .shx and .dbf must be there, and,
     * unless the CRS is named by parameter, a .prj describing a supported CRS (read from the archive).
     */
    private static void checkShapefileMembers(ZipFile archive, List<ZipEntry> members, String shp, Crs crsOverride)
            throws IOException {
        String stem = shp.substring(0, shp.length() - 4);
        for (String extension : List.of(".shx", ".dbf")) {
            if (member(members, stem + extension).isEmpty()) {
                throw new InvalidParameterException(
                        "file", "file: the shapefile has no " + extension + " file (" + stem + extension + ")");
            }
        }
        if (crsOverride != null) {
            return;
        }
        ZipEntry prj = member(members, stem + ".prj")
                .orElseThrow(() -> new InvalidParameterException(
                        "crs",
                        "crs: the shapefile has no .prj file; name its CRS with the crs parameter (" + supportedIds()
                                + ")"));
        if (prj.getSize() > SMALL_MEMBER) {
            throw new InvalidParameterException(
                    "file", "file: the .prj file has " + prj.getSize() + " bytes, more than a CRS needs");
        }
        String wkt;
        try (InputStream in = archive.getInputStream(prj)) {
            wkt = new String(in.readNBytes(SMALL_MEMBER), StandardCharsets.ISO_8859_1);
        }
        PrjCrs.recognise(wkt).orElseThrow(() -> unsupported("the .prj describes '" + PrjCrs.name(wkt) + "'"));
    }

    private static Optional<ZipEntry> member(List<ZipEntry> members, String name) {
        return members.stream()
                .filter(e -> memberName(e).equalsIgnoreCase(name))
                .findFirst();
    }

    /** The entry's file name without folders; a name no file may have (a NUL, say) is a 400. */
    private static String memberName(ZipEntry entry) {
        String path = entry.getName().replace('\\', '/');
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (!UploadNames.valid(name)) {
            throw new InvalidParameterException(
                    "file", "file: the zip archive holds an entry whose name no file may have");
        }
        return name;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static ProblemException tooLarge(String detail, String limit) {
        return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "Content too large", detail).with("limit", limit);
    }

    private static Path single(List<Path> files, String extension) {
        List<Path> matching = files.stream()
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension))
                .toList();
        if (matching.size() > 1) {
            throw new InvalidParameterException(
                    "file",
                    "file: the zip archive holds several shapefiles ("
                            + String.join(
                                    ", ",
                                    matching.stream()
                                            .map(p -> p.getFileName().toString())
                                            .toList()) + "); upload one at a time");
        }
        return matching.isEmpty() ? null : matching.get(0);
    }

    private static Optional<Path> optionalSibling(Path shp, String extension) {
        try {
            return Optional.of(ShapefileSource.sibling(shp, extension));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
