package luqiao.map.inspection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import luqiao.map.web.AsOf;
import luqiao.map.web.InvalidParameterException;
import tools.jackson.databind.JsonNode;

/**
 * The {@code visit} part of the inspection form, checked field by field: each fault is a 400 naming the field
 * ({@code visit.lat}, {@code visit.problems[1].category}).
 */
record VisitInput(
        String projectId,
        Instant visitedAt,
        Double lon,
        Double lat,
        String progressText,
        Integer progressPercent,
        String clientKey,
        List<ProblemInput> problems) {

    static final int MAX_TEXT = 2000;
    /** How far a phone's clock may run ahead of the server's. */
    private static final long CLOCK_SKEW_SECONDS = 600;

    private static final Pattern CLIENT_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /** A problem as a form or {@code POST /api/problems} gives it; {@code dueDate} null: the default. */
    record ProblemInput(
            String projectId,
            Long inspectionId,
            String category,
            String description,
            String department,
            LocalDate dueDate) {

        static ProblemInput read(JsonNode node, String field, String projectId, List<String> departments) {
            if (node == null || !node.isObject()) {
                throw new InvalidParameterException(field, field + " must be an object");
            }
            String category = text(node, field + ".category", true, 8);
            if (!ProblemList.CATEGORIES.contains(category)) {
                throw new InvalidParameterException(
                        field + ".category",
                        field + ".category: '" + category + "' is not a category; the categories are "
                                + String.join(", ", ProblemList.CATEGORIES));
            }
            String description = text(node, field + ".description", true, MAX_TEXT);
            String department = text(node, field + ".department", true, 100);
            if (!departments.contains(department)) {
                throw new InvalidParameterException(
                        field + ".department",
                        field + ".department: '" + department + "' is not a department; the departments are "
                                + String.join(", ", departments) + " (luqiao.inspection.departments)");
            }
            String due = text(node, field + ".dueDate", false, 10);
            LocalDate dueDate = null;
            if (due != null) {
                try {
                    dueDate = LocalDate.parse(due);
                } catch (DateTimeParseException e) {
                    throw new InvalidParameterException(
                            field + ".dueDate", field + ".dueDate: '" + due + "' is not a date (YYYY-MM-DD)");
                }
            }
            Long inspection = null;
            if (node.hasNonNull("inspectionId")) {
                if (!node.get("inspectionId").canConvertToLong()) {
                    throw new InvalidParameterException(
                            field + ".inspectionId", field + ".inspectionId must be a visit's id (a whole number)");
                }
                inspection = node.get("inspectionId").asLong();
            }
            return new ProblemInput(
                    projectId == null ? text(node, field + ".projectId", true, 32) : projectId,
                    inspection,
                    category,
                    description,
                    department,
                    dueDate);
        }
    }

    static VisitInput read(JsonNode node, List<String> departments) {
        if (node == null || !node.isObject()) {
            throw new InvalidParameterException("visit", "visit must be a JSON object");
        }
        String project = text(node, "visit.projectId", true, 32);
        Instant visited = visitedAt(text(node, "visit.visitedAt", false, 40));
        Double lon = number(node, "lon", -180, 180);
        Double lat = number(node, "lat", -90, 90);
        if ((lon == null) != (lat == null)) {
            throw new InvalidParameterException(
                    lon == null ? "visit.lon" : "visit.lat", "visit.lon and visit.lat come together, or neither");
        }
        Double percent = number(node, "progressPercent", 0, 100);
        if (percent != null && percent != Math.rint(percent)) {
            throw new InvalidParameterException(
                    "visit.progressPercent", "visit.progressPercent must be a whole number from 0 to 100");
        }
        String key = text(node, "visit.clientKey", false, 100);
        if (key != null && !CLIENT_KEY.matcher(key).matches()) {
            throw new InvalidParameterException(
                    "visit.clientKey", "visit.clientKey: 1 to 100 letters, digits, '.', '_', ':' or '-' (a UUID)");
        }
        List<ProblemInput> problems = new ArrayList<>();
        JsonNode list = node.get("problems");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new InvalidParameterException("visit.problems", "visit.problems must be an array");
            }
            for (int i = 0; i < list.size(); i++) {
                problems.add(ProblemInput.read(list.get(i), "visit.problems[" + i + "]", project, departments));
            }
        }
        return new VisitInput(
                project,
                visited,
                lon,
                lat,
                text(node, "visit.progressText", false, MAX_TEXT),
                percent == null ? null : percent.intValue(),
                key,
                problems);
    }

    /** An instant with an offset, or a local date-time in district time; null: now. */
    private static Instant visitedAt(String text) {
        Instant now = Instant.now();
        if (text == null) {
            return now;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                at = LocalDateTime.parse(text).atZone(AsOf.DISTRICT_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                throw new InvalidParameterException(
                        "visit.visitedAt",
                        "visit.visitedAt: '" + text + "' is not a date and time (e.g. 2024-05-01T09:30:00+08:00)");
            }
        }
        if (at.isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS))) {
            throw new InvalidParameterException("visit.visitedAt", "visit.visitedAt: " + text + " is in the future");
        }
        return at;
    }

    /** A string member (null when absent and optional); blank counts as absent. */
    static String text(JsonNode node, String field, boolean required, int max) {
        String name = field.substring(field.lastIndexOf('.') + 1);
        JsonNode value = node.get(name);
        if (value == null
                || value.isNull()
                || value.isString() && value.asString().isBlank()) {
            if (required) {
                throw new InvalidParameterException(field, field + " is required");
            }
            return null;
        }
        if (!value.isString()) {
            throw new InvalidParameterException(field, field + " must be a string");
        }
        String text = value.asString().strip();
        if (text.length() > max) {
            throw new InvalidParameterException(field, field + " is longer than " + max + " characters");
        }
        return text;
    }

    private static Double number(JsonNode node, String name, double min, double max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()
                || !Double.isFinite(value.asDouble())
                || value.asDouble() < min
                || value.asDouble() > max) {
            throw new InvalidParameterException(
                    "visit." + name, "visit." + name + " must be a number from " + (long) min + " to " + (long) max);
        }
        return value.asDouble();
    }
}
