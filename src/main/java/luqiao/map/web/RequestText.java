package luqiao.map.web;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Text a request carries (parameters, JSON strings, names) that the server can store and compare:
 * no NUL character (PostgreSQL text cannot hold U+0000, and no name or value needs it) and no lone
 * UTF-16 surrogate (not a character; it cannot be encoded as UTF-8). Checked at the input edge so a
 * bad value is a 400 naming its parameter on every backend, never a database error.
 */
public final class RequestText {

    private RequestText() {}

    /** Why {@code value} cannot be used, or null when it can. */
    public static String problem(CharSequence value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain a lone surrogate (invalid UTF-16)";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain a lone surrogate (invalid UTF-16)";
            }
        }
        return null;
    }

    /** {@code value}, or a 400 naming {@code parameter} when it holds text that cannot be stored. */
    public static String check(String parameter, String value) {
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidParameterException(parameter, parameter + " " + problem);
        }
        return value;
    }

    /** Every name and value of the parameters (as the servlet API gives them); the first bad one is refused. */
    public static void checkParameters(Map<String, String[]> parameters) {
        for (Map.Entry<String, String[]> p : parameters.entrySet()) {
            String name = problem(p.getKey()) == null ? p.getKey() : "(parameter name)";
            check(name, p.getKey());
            for (String value : p.getValue()) {
                check(name, value);
            }
        }
    }

    /**
     * Every field name and string in a JSON document; the problem names the parameter and the JSON
     * pointer of the first bad string, e.g. {@code body/zone}.
     */
    public static JsonNode check(String parameter, JsonNode json) {
        walk(parameter, json, "", 0);
        return json;
    }

    private static void walk(String parameter, JsonNode node, String pointer, int depth) {
        if (node == null || depth > 1_000) {
            return;
        }
        if (node.isString()) {
            check(pointer.isEmpty() ? parameter : parameter + pointer, node.stringValue());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(parameter, node.get(i), pointer + "/" + i, depth + 1);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = problem(field.getKey()) == null ? field.getKey() : "(name)";
                check(parameter + pointer + "/" + name, field.getKey());
                walk(parameter, field.getValue(), pointer + "/" + name, depth + 1);
            }
        }
    }
}
