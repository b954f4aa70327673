package dev.hexsync.testkit.conformance;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Compares a hexsync result with the oracle's, field by field. Exact everywhere (an INTEGER is never equal
 * to a REAL, text byte for byte) except where the oracle's README says to compare loosely: the version
 * fields, and error messages, which only have to be present on both sides (not every wording of the engine
 * is reproduced); SQLite's extended error codes must match, those of errors the engine raises in its own
 * functions included.
 */
public final class ResultComparison {
    private static final Set<String> IGNORED_TOP_LEVEL = Set.of("engine_version", "sqlite_version");

    private ResultComparison() {
    }

    /** The differences, each naming its path; empty when the results match. */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        compare("$", expected, actual, differences, true);
        return differences;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out, boolean top) {
        if (expected.isObject() && actual.isObject()) {
            if (expected.has("error") && actual.has("error")) {
                compareError(path, expected, actual, out);
                return;
            }
            Set<String> keys = new TreeSet<>(expected.propertyNames());
            keys.addAll(actual.propertyNames());
            for (String key : keys) {
                if (top && IGNORED_TOP_LEVEL.contains(key)) {
                    continue;
                }
                JsonNode e = expected.get(key);
                JsonNode a = actual.get(key);
                if (e == null) {
                    out.add(path + "." + key + ": unexpected " + a);
                } else if (a == null) {
                    out.add(path + "." + key + ": missing, expected " + e);
                } else {
                    compare(path + "." + key, e, a, out, false);
                }
            }
            return;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(path + ": expected " + expected.size() + " elements, got " + actual.size() + ": expected "
                        + expected + " got " + actual);
                return;
            }
            Iterator<JsonNode> e = expected.values().iterator();
            Iterator<JsonNode> a = actual.values().iterator();
            int index = 0;
            while (e.hasNext()) {
                compare(path + "[" + index++ + "]", e.next(), a.next(), out, false);
            }
            return;
        }
        if (expected.isNumber() && actual.isNumber()) {
            boolean sameKind = expected.isIntegralNumber() == actual.isIntegralNumber();
            boolean sameValue = expected.isIntegralNumber()
                    ? expected.bigIntegerValue().equals(actual.bigIntegerValue())
                    : expected.doubleValue() == actual.doubleValue();
            if (!sameKind || !sameValue) {
                out.add(path + ": expected " + expected + " got " + actual);
            }
            return;
        }
        if (!expected.equals(actual)) {
            out.add(path + ": expected " + expected + " got " + actual);
        }
    }

    private static void compareError(String path, JsonNode expected, JsonNode actual, List<String> out) {
        String ours = actual.get("error").asString();
        String theirs = expected.get("error").asString();
        if (ours.startsWith("hexsync:")) {
            out.add(path + ": hexsync could not run this (" + ours + "); the engine gave: " + theirs);
            return;
        }
        JsonNode expectedCode = expected.get("code");
        JsonNode actualCode = actual.get("code");
        if (expectedCode != null && (actualCode == null || !expectedCode.equals(actualCode))) {
            out.add(path + ": error code expected " + expectedCode + " (" + theirs + ") got " + actualCode + " (" + ours + ")");
        }
        for (String key : expected.propertyNames()) {
            if (!key.equals("error") && !key.equals("code")) {
                if (actual.get(key) == null) {
                    out.add(path + "." + key + ": missing beside the error");
                } else {
                    compare(path + "." + key, expected.get(key), actual.get(key), out, false);
                }
            }
        }
    }
}
