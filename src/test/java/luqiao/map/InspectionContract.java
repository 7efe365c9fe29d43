package luqiao.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import luqiao.map.catalog.Layer;
import luqiao.map.store.FeaturesChanged;
import luqiao.map.support.TestPhotos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #16, 一线督战, over real HTTP on each backend: a visit with two photos (one JPEG carrying EXIF GPS and
 * time, made here), the EXIF read, thumbnails served, served photos without EXIF; problems raised on the visit
 * and moved 待办 → 办理中 → 已销号 and reopened by an administrator only, with the history; overdue flags and
 * the dashboard's figures; an offline resend stored once; oversized, disguised and bomb photos refused with
 * nothing stored; and the public seeing none of it.
 */
abstract class InspectionContract extends BackendContract {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ADMIN = "admin:test-admin-password";
    static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
    /** The project's point, in 飞龙湖 (zone FLH), and a phone position about 110 m north of it. */
    static final double LON = 121.3558;

    static final double LAT = 28.5978;
    static final double PHONE_LAT = 28.5988;

    final List<String> made = new ArrayList<>();
    Client admin;
    Client inspector;
    Client planner;
    Client landStaff;
    Client anonymous;

    @BeforeEach
    void users() {
        admin = new Client(ADMIN);
        anonymous = new Client(null);
        inspector = user("INSPECTOR");
        planner = user("PLANNER");
        landStaff = user("LAND_STAFF");
    }

    /** The projects made here go again, with their visits, photos and problems (the foreign keys cascade). */
    @AfterEach
    void removeProjects() {
        for (String code : made) {
            jdbc.update("DELETE FROM projects WHERE code = ?", code);
        }
        events.publishEvent(new FeaturesChanged(Layer.PROJECTS, List.of(new Envelope(LON, LON, LAT, LAT))));
    }

    Client user(String role) {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = admin.json(
                "POST",
                "/api/admin/users",
                "{\"username\":\"" + name + "\",\"password\":\"correct-horse-battery\",\"roles\":[\"" + role + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Client(name + ":correct-horse-battery");
    }

    /** A public project (开工) at the point above. */
    String project() {
        String code = "T-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update(
                "INSERT INTO projects (code, name_zh, name_en, category, stage, area_m2, length_m, geom)"
                        + " VALUES (?, ?, ?, '城市提能', '开工', 0, 0, ST_GeomFromText(?, 4326))",
                code,
                "督战测试" + code,
                "Site test " + code,
                "POINT(" + LON + " " + LAT + ")");
        made.add(code);
        return code;
    }

    // ---------------------------------------------------------------- the visit

    @Test
    void aVisitWithPhotosAndProblemsIsRecordedReadAndFollowedUntilClosed() throws Exception {
        String code = project();
        LocalDate today = LocalDate.now(DISTRICT);
        String visit = "{\"projectId\":\"" + code + "\",\"visitedAt\":\"2024-05-01T10:00:00+08:00\",\"lon\":" + LON
                + ",\"lat\":" + PHONE_LAT + ",\"progressText\":\"主体结构施工中\",\"progressPercent\":45,"
                + "\"clientKey\":\"" + UUID.randomUUID() + "\",\"problems\":["
                + "{\"category\":\"用地\",\"description\":\"红线内两户未腾空\",\"department\":\"自然资源和规划分局\","
                + "\"dueDate\":\"" + today.minusDays(3) + "\"},"
                + "{\"category\":\"资金\",\"description\":\"二期资金未到位\",\"department\":\"区财政局\",\"dueDate\":\""
                + today.plusDays(20) + "\"}]}";
        Answer created = inspector.visit(
                visit, photo("site.jpg", TestPhotos.jpegWithGps(640, 480)), photo("plan.png", TestPhotos.png(100, 80)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode v = created.json();
        long id = v.path("id").asLong();
        assertThat(v.path("projectId").asString()).isEqualTo(code);
        assertThat(v.path("visitedAt").asString()).isEqualTo("2024-05-01T10:00+08:00");
        assertThat(v.path("progressPercent").asInt()).isEqualTo(45);
        assertThat(v.path("createdBy").asString()).startsWith("inspector-");
        // About 111 m from the project's point: near, not flagged.
        assertThat(v.path("distanceM").asDouble()).isBetween(105.0, 115.0);
        assertThat(v.path("far").asBoolean()).isFalse();

        JsonNode photos = v.path("photos");
        assertThat(photos.size()).isEqualTo(2);
        JsonNode jpeg = photos.get(0);
        assertThat(jpeg.path("mediaType").asString()).isEqualTo("image/jpeg");
        assertThat(jpeg.path("width").asInt()).isEqualTo(640);
        assertThat(jpeg.path("exifLat").asDouble()).isCloseTo(LAT, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(jpeg.path("exifLon").asDouble()).isCloseTo(LON, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(jpeg.path("exifTakenAt").asString()).isEqualTo("2024-05-01T09:30+08:00");
        assertThat(photos.get(1).path("mediaType").asString()).isEqualTo("image/png");
        assertThat(photos.get(1).path("exifLat").isNull()).isTrue();

        // The served photo is the picture without any EXIF or GPS; the thumbnail is 320 px on its long side.
        Answer served = inspector.get(jpeg.path("url").asString());
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(served.header("Cache-Control")).contains("private");
        byte[] bytes = served.bytes();
        assertThat(indexOf(bytes, "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(-1);
        assertThat(indexOf(bytes, new byte[] {(byte) 0xff, (byte) 0xe1})).isEqualTo(-1);
        Metadata metadata = JpegMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
        assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(ImageIO.read(new ByteArrayInputStream(bytes)).getWidth()).isEqualTo(640);
        Answer thumb = inspector.get(jpeg.path("thumbnailUrl").asString());
        assertThat(thumb.status()).isEqualTo(200);
        assertThat(thumb.header("Content-Type")).isEqualTo("image/jpeg");
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumb.bytes()));
        assertThat(List.of(small.getWidth(), small.getHeight())).containsExactly(320, 240);
        Answer png = planner.get(photos.get(1).path("url").asString());
        assertThat(png.header("Content-Type")).isEqualTo("image/png");
        assertThat(ImageIO.read(new ByteArrayInputStream(png.bytes())).getHeight())
                .isEqualTo(80);
        assertThat(inspector.get("/api/inspections/" + id + "/photos/999999999").status())
                .isEqualTo(404);

        // Read back: the visit, the project's list, the map's points, the popup's summary.
        assertThat(planner.get("/api/inspections/" + id).json().path("problems").size())
                .isEqualTo(2);
        JsonNode list = inspector.get("/api/inspections?project=" + code).json();
        assertThat(list.path("count").asInt()).isEqualTo(1);
        assertThat(list.path("inspections").get(0).path("thumbnailUrl").asString())
                .isEqualTo(jpeg.path("thumbnailUrl").asString());
        Answer points = inspector.get("/api/inspections.geojson");
        assertThat(points.header("Content-Type")).startsWith("application/geo+json");
        JsonNode point = points.json()
                .path("features")
                .valueStream()
                .filter(f -> f.path("properties").path("projectId").asString().equals(code))
                .findFirst()
                .orElseThrow();
        assertThat(point.path("geometry").path("coordinates").get(1).asDouble()).isEqualTo(PHONE_LAT);
        assertThat(point.path("properties").path("daysSince").asLong())
                .isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2024, 5, 1), today));

        JsonNode problems =
                inspector.get("/api/problems?project=" + code).json().path("problems");
        assertThat(problems.size()).isEqualTo(2);
        JsonNode land = problems.valueStream()
                .filter(p -> p.path("category").asString().equals("用地"))
                .findFirst()
                .orElseThrow();
        JsonNode funds = problems.valueStream()
                .filter(p -> p.path("category").asString().equals("资金"))
                .findFirst()
                .orElseThrow();
        assertThat(land.path("status").asString()).isEqualTo("待办");
        assertThat(land.path("overdue").asBoolean()).isTrue();
        assertThat(land.path("daysOverdue").asLong()).isEqualTo(3);
        assertThat(funds.path("overdue").asBoolean()).isFalse();
        assertThat(land.path("inspectionId").asLong()).isEqualTo(id);
        JsonNode overdue =
                inspector.get("/api/problems?overdue=true&project=" + code).json();
        assertThat(overdue.path("count").asInt()).isEqualTo(1);
        assertThat(inspector
                        .get("/api/problems?department=区财政局&project=" + code)
                        .json()
                        .path("count")
                        .asInt())
                .isEqualTo(1);

        JsonNode summary =
                planner.get("/api/projects/" + code + "/inspection-summary").json();
        assertThat(summary.path("lastVisit").path("id").asLong()).isEqualTo(id);
        assertThat(summary.path("lastVisit").path("thumbnailUrl").asString())
                .isEqualTo(jpeg.path("thumbnailUrl").asString());
        assertThat(summary.path("openProblems").size()).isEqualTo(2);
        assertThat(summary.path("overdueProblems").asInt()).isEqualTo(1);

        // The dashboard: this project leads nothing else but is on the 督战 list with its one overdue problem.
        JsonNode duzhan = planner.get("/api/dashboard/duzhan?limit=1000").json();
        JsonNode row = duzhan.path("rows")
                .valueStream()
                .filter(r -> r.path("project").asString().equals(code))
                .findFirst()
                .orElseThrow();
        assertThat(row.path("overdue").asInt()).isEqualTo(1);
        assertThat(row.path("open").asInt()).isEqualTo(2);
        assertThat(row.path("zone").asString()).isEqualTo("FLH");
        Answer csv = planner.get("/api/dashboard/duzhan.csv?limit=1000");
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).contains(code + ",督战测试" + code + ",FLH,");
        JsonNode byGroup = planner.get("/api/dashboard/problems").json().path("figures");
        assertThat(count(byGroup.path("problems_by_department"), "department", "自然资源和规划分局", "overdue"))
                .isGreaterThanOrEqualTo(1);
        assertThat(count(byGroup.path("problems_by_category"), "category", "资金", "open"))
                .isGreaterThanOrEqualTo(1);
        assertThat(count(byGroup.path("problems_by_zone"), "zone", "FLH", "open"))
                .isGreaterThanOrEqualTo(2);
        // As of yesterday the problems had not been raised.
        JsonNode yesterday = planner.get("/api/dashboard/duzhan?limit=1000&asOf=" + today.minusDays(1))
                .json();
        assertThat(yesterday.path("rows").toString()).doesNotContain(code);
        assertThat(planner.get("/api/dashboard/problems?format=csv").body())
                .startsWith("\uFEFFdimension,key,name_zh,open,overdue")
                .contains("category,资金,资金,");

        // 待办 → 办理中 → 已销号 (with a note), then reopened by an administrator only.
        long landId = land.path("id").asLong();
        assertThat(transition(inspector, landId, "办理中", null).status()).isEqualTo(200);
        Answer noNote = transition(inspector, landId, "已销号", null);
        assertThat(noNote.status()).as(noNote.body()).isEqualTo(422);
        assertThat(noNote.header("Content-Type")).startsWith("application/problem+json");
        assertThat(noNote.json().path("detail").asString()).contains("note");
        Answer closed = transition(inspector, landId, "已销号", "两户已签约腾空");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().path("status").asString()).isEqualTo("已销号");
        assertThat(closed.json().path("overdue").asBoolean()).isFalse();
        assertThat(transition(inspector, landId, "已销号", "again").status()).isEqualTo(409);
        Answer byPlanner = transition(planner, landId, "办理中", "复核未通过");
        assertThat(byPlanner.status()).as(byPlanner.body()).isEqualTo(403);
        assertThat(transition(inspector, landId, "待办", "复核未通过").status()).isEqualTo(403);
        Answer reopened = transition(admin, landId, "办理中", "复核未通过");
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        JsonNode history = inspector.get("/api/problems/" + landId).json().path("history");
        assertThat(history.size()).isEqualTo(4);
        assertThat(history.valueStream()
                        .map(e -> (e.path("from").isNull() ? "" : e.path("from").asString()) + ">"
                                + e.path("to").asString())
                        .toList())
                .containsExactly(">待办", "待办>办理中", "办理中>已销号", "已销号>办理中");
        assertThat(history.get(2).path("note").asString()).isEqualTo("两户已签约腾空");
        assertThat(history.get(3).path("by").asString()).isEqualTo("admin");
        assertThat(history.get(1).path("by").asString()).startsWith("inspector-");
        assertThat(transition(inspector, landId, "完成", "x").status()).isEqualTo(400);

        // A problem raised on its own, without a visit; a department not configured is refused.
        Answer raised = planner.json(
                "POST",
                "/api/problems",
                "{\"projectId\":\"" + code + "\",\"category\":\"规划\",\"description\":\"规划调整待批\","
                        + "\"department\":\"区发改局\"}");
        assertThat(raised.status()).as(raised.body()).isEqualTo(201);
        assertThat(raised.json().path("dueDate").asString())
                .isEqualTo(today.plusDays(30).toString());
        assertThat(raised.json().path("history").size()).isEqualTo(1);
        Answer badDepartment = planner.json(
                "POST",
                "/api/problems",
                "{\"projectId\":\"" + code + "\",\"category\":\"规划\",\"description\":\"x\",\"department\":\"外星办\"}");
        assertThat(badDepartment.status()).isEqualTo(400);
        assertThat(badDepartment.json().path("parameter").asString()).isEqualTo("body.department");
    }

    /** The problem list and the 督战 figures as workbooks: the same rows and numbers as the JSON answers. */
    @Test
    void theProblemListAndTheDuzhanFiguresOpenInExcelWithTheRowsOfTheApi() throws Exception {
        String code = project();
        for (String category : List.of("资金", "用地")) {
            Answer raised = planner.json(
                    "POST",
                    "/api/problems",
                    "{\"projectId\":\"" + code + "\",\"category\":\"" + category + "\",\"description\":\"表格" + category
                            + "\",\"department\":\"区财政局\",\"dueDate\":\"2024-01-31\"}");
            assertThat(raised.status()).as(raised.body()).isEqualTo(201);
        }
        JsonNode list = planner.get("/api/problems?project=" + code).json().path("problems");
        Answer xlsx = planner.get("/api/problems?format=xlsx&project=" + code);
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.header("Content-Type"))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
            var sheet = book.getSheet("问题清单");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("编号");
            assertThat(sheet.getRow(0).getCell(8).getStringCellValue()).isEqualTo("办结期限");
            assertThat(sheet.getLastRowNum()).isEqualTo(list.size());
            for (int i = 0; i < list.size(); i++) {
                JsonNode p = list.get(i);
                var row = sheet.getRow(i + 1);
                assertThat((long) row.getCell(0).getNumericCellValue())
                        .isEqualTo(p.path("id").asLong());
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(code);
                assertThat(row.getCell(3).getStringCellValue())
                        .isEqualTo(p.path("category").asString());
                assertThat(row.getCell(8)
                                .getLocalDateTimeCellValue()
                                .toLocalDate()
                                .toString())
                        .isEqualTo("2024-01-31");
                assertThat(row.getCell(10).getStringCellValue()).isEqualTo("是");
                assertThat((long) row.getCell(11).getNumericCellValue())
                        .isEqualTo(p.path("daysOverdue").asLong());
            }
        }
        assertThat(anonymous.get("/api/problems?format=xlsx").status()).isEqualTo(401);
        assertThat(planner.get("/api/problems?format=pdf").status()).isEqualTo(400);

        JsonNode duzhan = planner.get("/api/dashboard/duzhan?limit=1000").json().path("rows");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(
                planner.get("/api/dashboard/duzhan?limit=1000&format=xlsx").bytes()))) {
            var sheet = book.getSheet("督战清单");
            assertThat(sheet.getLastRowNum()).isEqualTo(duzhan.size());
            int at = -1;
            for (int i = 0; i < duzhan.size(); i++) {
                if (duzhan.get(i).path("project").asString().equals(code)) {
                    at = i;
                }
            }
            assertThat(at).as("the project is on the 督战 list").isNotNegative();
            var row = sheet.getRow(at + 1);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo(code);
            assertThat((int) row.getCell(4).getNumericCellValue()).isEqualTo(2);
        }
        JsonNode figures = planner.get("/api/dashboard/problems").json().path("figures");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(
                planner.get("/api/dashboard/problems?format=xlsx").bytes()))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(3);
            var byCategory = book.getSheet("各类别问题");
            JsonNode rows = figures.path("problems_by_category").path("rows");
            assertThat(byCategory.getLastRowNum()).isEqualTo(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertThat(byCategory.getRow(i + 1).getCell(0).getStringCellValue())
                        .isEqualTo(rows.get(i).path("category").asString());
                assertThat((int) byCategory.getRow(i + 1).getCell(2).getNumericCellValue())
                        .isEqualTo(rows.get(i).path("overdue").asInt());
            }
        }
    }

    @Test
    void aVisitResentWithItsClientKeyIsStoredOnce() throws Exception {
        String code = project();
        String key = UUID.randomUUID().toString();
        String visit = "{\"projectId\":\"" + code + "\",\"lon\":121.40,\"lat\":28.60,\"progressPercent\":10,"
                + "\"clientKey\":\"" + key + "\",\"problems\":[{\"category\":\"施工\",\"description\":\"围挡破损\","
                + "\"department\":\"区住建局\",\"dueDate\":\"2030-01-01\"}]}";
        Answer first = inspector.visit(visit, photo("a.jpg", TestPhotos.jpegWithGps(64, 48)));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        // About 4 km away: recorded, and flagged as far from the project.
        assertThat(first.json().path("far").asBoolean()).isTrue();
        Answer again = inspector.visit(visit, photo("a.jpg", TestPhotos.jpegWithGps(64, 48)));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("id").asLong())
                .isEqualTo(first.json().path("id").asLong());
        assertThat(count("SELECT COUNT(*) FROM inspections WHERE client_key = ?", key))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM problems WHERE project_code = ?", code))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT COUNT(*) FROM inspection_photos f JOIN inspections i ON i.id = f.inspection_id"
                                + " WHERE i.project_code = ?",
                        code))
                .isEqualTo(1);
    }

    @Test
    void photosThatAreTooLargeDisguisedOrBombsAreRefusedAndNothingIsStored() throws Exception {
        String code = project();
        long[] before = counts();
        String visit = "{\"projectId\":\"" + code + "\",\"clientKey\":\"" + UUID.randomUUID()
                + "\",\"problems\":[{\"category\":\"其他\",\"description\":\"x\",\"department\":\"其他\"}]}";
        Part good = photo("good.jpg", TestPhotos.jpegWithGps(64, 48));

        byte[] huge = new byte[30 * 1024 * 1024];
        huge[0] = (byte) 0xff;
        huge[1] = (byte) 0xd8;
        huge[2] = (byte) 0xff;
        Answer tooLarge = inspector.visit(visit, good, photo("huge.jpg", huge));
        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooLarge.json().path("detail").asString())
                .contains("huge.jpg")
                .contains("max-photo-size");

        Answer zip = inspector.visit(visit, good, photo("photo.jpg", TestPhotos.zip()));
        assertThat(zip.status()).as(zip.body()).isEqualTo(415);
        assertThat(zip.json().path("detail").asString()).contains("photo.jpg").contains("ZIP");

        Answer bomb = inspector.visit(visit, good, photo("bomb.png", TestPhotos.pngDeclaring(50_000, 50_000)));
        assertThat(bomb.status()).as(bomb.body()).isEqualTo(413);
        assertThat(bomb.json().path("detail").asString()).contains("bomb.png").contains("50000 × 50000");

        Answer heic = inspector.visit(visit, good, photo("IMG_0001.HEIC", TestPhotos.heic()));
        assertThat(heic.status()).as(heic.body()).isEqualTo(415);
        assertThat(heic.json().path("detail").asString()).contains("HEIC");

        byte[] truncated = java.util.Arrays.copyOf(TestPhotos.png(200, 200), 60);
        Answer broken = inspector.visit(visit, good, photo("broken.png", truncated));
        assertThat(broken.status()).as(broken.body()).isEqualTo(415);

        assertThat(counts()).as("nothing stored").containsExactly(before);
    }

    @Test
    void badVisitFormsAreRefusedNamingTheField() throws Exception {
        String code = project();
        Answer noProject = inspector.visit("{\"projectId\":\"P-NO-SUCH\"}");
        assertThat(noProject.status()).isEqualTo(422);
        Answer percent = inspector.visit("{\"projectId\":\"" + code + "\",\"progressPercent\":140}");
        assertThat(percent.status()).isEqualTo(400);
        assertThat(percent.json().path("parameter").asString()).isEqualTo("visit.progressPercent");
        Answer category = inspector.visit("{\"projectId\":\"" + code
                + "\",\"problems\":[{\"category\":\"天气\",\"description\":\"x\",\"department\":\"其他\"}]}");
        assertThat(category.status()).isEqualTo(400);
        assertThat(category.json().path("parameter").asString()).isEqualTo("visit.problems[0].category");
        Answer lonOnly = inspector.visit("{\"projectId\":\"" + code + "\",\"lon\":121.4}");
        assertThat(lonOnly.status()).isEqualTo(400);
        Answer notJson = inspector.visit("{projectId");
        assertThat(notJson.status()).isEqualTo(400);
        // No position: stored, without a distance, and left off the map's points.
        Answer noPosition = inspector.visit("{\"projectId\":\"" + code + "\",\"progressText\":\"未到场定位\"}");
        assertThat(noPosition.status()).as(noPosition.body()).isEqualTo(201);
        assertThat(noPosition.json().path("distanceM").isNull()).isTrue();
        assertThat(inspector.get("/api/inspections.geojson").body()).doesNotContain(code);
    }

    // ---------------------------------------------------------------- nothing of it is public

    @Test
    void thePublicSeesNoneOfIt() throws Exception {
        String code = project();
        Answer created = inspector.visit(
                "{\"projectId\":\"" + code + "\",\"lon\":" + LON + ",\"lat\":" + LAT + ",\"problems\":[{\"category\":"
                        + "\"用地\",\"description\":\"征迁未完成\",\"department\":\"其他\",\"dueDate\":\"2020-01-01\"}]}",
                photo("p.jpg", TestPhotos.jpegWithGps(64, 48)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        long photo = created.json().path("photos").get(0).path("id").asLong();
        long problem = created.json().path("problems").get(0).path("id").asLong();
        List<String> reads = List.of(
                "/api/inspections",
                "/api/inspections?project=" + code,
                "/api/inspections/" + id,
                "/api/inspections/" + id + "/photos/" + photo,
                "/api/inspections/" + id + "/photos/" + photo + "/thumbnail",
                "/api/inspections.geojson",
                "/api/projects/" + code + "/inspection-summary",
                "/api/problems",
                "/api/problems/" + problem,
                "/api/dashboard/problems",
                "/api/dashboard/problems.csv",
                "/api/dashboard/duzhan",
                "/api/dashboard/duzhan.csv?asOf=2024-01-01");
        for (String path : reads) {
            Answer a = anonymous.get(path);
            assertThat(a.status()).as(path).isEqualTo(401);
            assertThat(a.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(a.body()).as(path).doesNotContain("征迁").doesNotContain(code);
            // Land staff are not in the 督战 work (unless also given INSPECTOR).
            assertThat(landStaff.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(anonymous
                        .json("POST", "/api/problems/" + problem + "/transition", "{\"to\":\"已销号\",\"note\":\"x\"}")
                        .status())
                .isIn(401, 403);
        assertThat(landStaff
                        .json("POST", "/api/problems/" + problem + "/transition", "{\"to\":\"已销号\",\"note\":\"x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(landStaff.visit("{\"projectId\":\"" + code + "\"}").status()).isEqualTo(403);
        // Without credentials a visit gets the plain body bound, so the CSRF check never parses a large form.
        // The headers alone (Expect: 100-continue): the server answers from Content-Length, before any body.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(("POST /api/inspections HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                    + "Content-Type: multipart/form-data; boundary=x\r\nExpect: 100-continue\r\n"
                                    + "Content-Length: " + 12 * 1024 * 1024 + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(
                            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
        }
        assertThat(count("SELECT COUNT(*) FROM problem_events WHERE problem_id = ?", problem))
                .isEqualTo(1);

        // Not in OGC API collections, the project's own answers, the public tiles, the public dashboard.
        for (String path : List.of(
                "/ogc/collections",
                "/api/projects/" + code,
                "/ogc/collections/projects/items/" + code,
                "/api/dashboard",
                "/api/projects?limit=10000")) {
            Answer a = anonymous.get(path);
            assertThat(a.status()).as(path).isEqualTo(200);
            assertThat(a.body().toLowerCase())
                    .as(path)
                    .doesNotContain("inspection")
                    .doesNotContain("problem")
                    .doesNotContain("征迁");
        }
        byte[] tile = anonymous.get("/tiles/projects/9/428/213.mvt").bytes();
        assertThat(indexOf(tile, "inspection".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(indexOf(tile, "problem".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    // ---------------------------------------------------------------- helpers

    Answer transition(Client who, long problem, String to, String note) {
        return who.json(
                "POST",
                "/api/problems/" + problem + "/transition",
                "{\"to\":\"" + to + "\"" + (note == null ? "" : ",\"note\":\"" + note + "\"") + "}");
    }

    static long count(JsonNode figure, String keyColumn, String key, String column) {
        return figure.path("rows")
                .valueStream()
                .filter(r -> r.path(keyColumn).asString().equals(key))
                .mapToLong(r -> r.path(column).asLong())
                .sum();
    }

    long count(String sql, Object value) {
        return jdbc.queryForObject(sql, Long.class, value);
    }

    long[] counts() {
        return new long[] {
            jdbc.queryForObject("SELECT COUNT(*) FROM inspections", Long.class),
            jdbc.queryForObject("SELECT COUNT(*) FROM inspection_photos", Long.class),
            jdbc.queryForObject("SELECT COUNT(*) FROM problems", Long.class),
            jdbc.queryForObject("SELECT COUNT(*) FROM problem_events", Long.class)
        };
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---------------------------------------------------------------- test images

    record Part(String name, byte[] bytes) {}

    static Part photo(String name, byte[] bytes) {
        return new Part(name, bytes);
    }

    // ---------------------------------------------------------------- HTTP

    record Answer(HttpResponse<byte[]> response) {
        int status() {
            return response.statusCode();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        byte[] bytes() {
            return response.body();
        }

        String body() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(body());
        }
    }

    final class Client {
        private final String basic;
        private final HttpClient client = HttpClient.newHttpClient();

        Client(String basic) {
            this.basic = basic;
        }

        Answer get(String path) {
            return send("GET", path, null, null);
        }

        Answer json(String method, String path, String body) {
            return send(method, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }

        /** The phone's form: the visit as a JSON part, then the photos as files. */
        Answer visit(String visitJson, Part... photos) throws IOException {
            String boundary = "----luqiao" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"visit\"; filename=\"blob\"\r\n"
                            + "Content-Type: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(visitJson.getBytes(StandardCharsets.UTF_8));
            for (Part p : photos) {
                body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\""
                                + p.name() + "\"\r\nContent-Type: image/jpeg\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.write(p.bytes());
            }
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return send("POST", "/api/inspections", "multipart/form-data; boundary=" + boundary, body.toByteArray());
        }

        Answer send(String method, String path, String contentType, byte[] body) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                r.header("Content-Type", contentType);
            }
            if (basic != null) {
                r.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            }
            try {
                return new Answer(client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray()));
            } catch (IOException e) {
                throw new IllegalStateException(path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
