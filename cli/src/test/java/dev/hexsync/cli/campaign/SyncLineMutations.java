package dev.hexsync.cli.campaign;

import dev.hexsync.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutated sync lines for the fuzzing campaign, JSON text and BSON: valid lines of every kind the protocol has,
 * then truncated, with a value of the wrong type, a huge number, deep nesting, a lone surrogate or NUL, an
 * unknown key, or (BSON) invalid UTF-8 in a string and frames whose lengths lie. jqwik picks the base line, the
 * mutation and a seed; the mutation is a pure function of them, so a failing case reproduces from its seed.
 */
final class SyncLineMutations {
    /** Deeper than any parser's recursion would survive on a default thread stack. */
    static final int DEEP = 100_000;
    /** A placeholder the text mutation swaps for a deeply nested array after writing the tree. */
    private static final String DEEP_MARK = "@@deep@@";

    /** One of each line kind, shaped as the service sends them, over bucket "b" and table "todos". */
    static final List<String> BASE_LINES = List.of(
            "{\"checkpoint\":{\"last_op_id\":\"10\",\"write_checkpoint\":null,\"buckets\":[{\"bucket\":\"b\","
                    + "\"checksum\":123,\"priority\":3,\"count\":2}]}}",
            "{\"data\":{\"bucket\":\"b\",\"after\":\"0\",\"next_after\":\"2\",\"has_more\":false,\"data\":["
                    + "{\"op_id\":\"1\",\"op\":\"PUT\",\"object_type\":\"todos\",\"object_id\":\"t1\",\"checksum\":100,"
                    + "\"subkey\":null,\"data\":\"{\\\"description\\\":\\\"fuzzed\\\",\\\"completed\\\":0}\"},"
                    + "{\"op_id\":\"2\",\"op\":\"REMOVE\",\"object_type\":\"todos\",\"object_id\":\"t0\",\"checksum\":23,"
                    + "\"subkey\":null,\"data\":null}]}}",
            "{\"checkpoint_complete\":{\"last_op_id\":\"10\"}}",
            "{\"partial_checkpoint_complete\":{\"last_op_id\":\"10\",\"priority\":1}}",
            "{\"checkpoint_diff\":{\"last_op_id\":\"11\",\"write_checkpoint\":\"3\",\"updated_buckets\":[{\"bucket\":"
                    + "\"b\",\"checksum\":124,\"priority\":3,\"count\":3}],\"removed_buckets\":[\"gone\"]}}",
            "{\"token_expires_in\":3600}",
            "{\"some_future_kind\":{\"field\":1}}");

    enum Mutation {
        NONE, TRUNCATE, WRONG_TYPE, HUGE_NUMBER, DEEP_NESTING, UNKNOWN_KEY, BAD_TEXT, DROP_KEY
    }

    enum BinaryMutation {
        NONE, TRUNCATE, WRONG_TYPE, UNKNOWN_KEY, DROP_KEY, INVALID_UTF8, DOCUMENT_LENGTH, ELEMENT_LENGTH, FLIP_BYTE
    }

    /** A mutated line and how it was made, for messages and statistics. */
    record Mutated<T>(T line, String how) {
    }

    private SyncLineMutations() {
    }

    static Arbitrary<Mutated<String>> textLines() {
        return Combinators.combine(Arbitraries.integers().between(0, BASE_LINES.size() - 1),
                        Arbitraries.of(Mutation.class), Arbitraries.longs())
                .as((base, mutation, seed) -> new Mutated<>(mutateText(BASE_LINES.get(base), mutation, new Random(seed)),
                        mutation + " of line " + base + " seed " + seed));
    }

    static Arbitrary<Mutated<byte[]>> binaryLines() {
        return Combinators.combine(Arbitraries.integers().between(0, BASE_LINES.size() - 1),
                        Arbitraries.of(BinaryMutation.class), Arbitraries.longs())
                .as((base, mutation, seed) -> new Mutated<>(mutateBinary(BASE_LINES.get(base), mutation, new Random(seed)),
                        mutation + " of line " + base + " seed " + seed));
    }

    static String mutateText(String line, Mutation mutation, Random random) {
        return switch (mutation) {
            case NONE -> line;
            case TRUNCATE -> line.substring(0, random.nextInt(line.length()));
            case WRONG_TYPE -> Json.write(replaceSomewhere(tree(line), random, hostileValue(random)));
            case HUGE_NUMBER -> replaceNumber(line, random);
            case DEEP_NESTING -> Json.write(replaceSomewhere(tree(line), random, DEEP_MARK))
                    .replace("\"" + DEEP_MARK + "\"", "[".repeat(DEEP) + "]".repeat(DEEP));
            case UNKNOWN_KEY -> Json.write(addKeySomewhere(tree(line), random));
            case BAD_TEXT -> insertBadText(line, random);
            case DROP_KEY -> Json.write(dropKeySomewhere(tree(line), random));
        };
    }

    static byte[] mutateBinary(String line, BinaryMutation mutation, Random random) {
        byte[] valid = CampaignBson.encode(asMap(tree(line)));
        return switch (mutation) {
            case NONE -> valid;
            case TRUNCATE -> java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            case WRONG_TYPE -> CampaignBson.encode(asMap(replaceSomewhere(tree(line), random, hostileBsonValue(random))));
            case UNKNOWN_KEY -> CampaignBson.encode(asMap(addKeySomewhere(tree(line), random)));
            case DROP_KEY -> CampaignBson.encode(asMap(dropKeySomewhere(tree(line), random)));
            case INVALID_UTF8 -> CampaignBson.encode(asMap(replaceSomewhere(tree(line), random, invalidUtf8(random))));
            case DOCUMENT_LENGTH -> withInt32(valid, 0, lyingLength(valid.length, random));
            case ELEMENT_LENGTH -> lieAboutAnElement(valid, random);
            case FLIP_BYTE -> {
                byte[] flipped = valid.clone();
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
                yield flipped;
            }
        };
    }

    // ---- trees -------------------------------------------------------------------------------------------

    private static Object tree(String line) {
        return Json.parse(line);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object tree) {
        return tree instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of("not_an_object", tree);
    }

    /** Every container of the tree (objects and arrays), in document order. */
    private static List<Object> containers(Object tree) {
        List<Object> found = new ArrayList<>();
        collect(tree, found);
        return found;
    }

    private static void collect(Object node, List<Object> found) {
        if (node instanceof Map<?, ?> map) {
            found.add(map);
            map.values().forEach(value -> collect(value, found));
        } else if (node instanceof List<?> list) {
            found.add(list);
            list.forEach(value -> collect(value, found));
        }
    }

    @SuppressWarnings("unchecked")
    private static Object replaceSomewhere(Object tree, Random random, Object value) {
        List<Object> containers = containers(tree);
        Object target = containers.get(random.nextInt(containers.size()));
        if (target instanceof Map<?, ?> map && !map.isEmpty()) {
            List<String> keys = new ArrayList<>((java.util.Set<String>) map.keySet());
            ((Map<String, Object>) map).put(keys.get(random.nextInt(keys.size())), value);
        } else if (target instanceof List<?> list && !list.isEmpty()) {
            ((List<Object>) list).set(random.nextInt(list.size()), value);
        } else {
            return value;
        }
        return tree;
    }

    @SuppressWarnings("unchecked")
    private static Object addKeySomewhere(Object tree, Random random) {
        List<Object> objects = containers(tree).stream().filter(node -> node instanceof Map).toList();
        Map<String, Object> target = (Map<String, Object>) objects.get(random.nextInt(objects.size()));
        String[] names = {"x", "extra", "last_op_id_v2", "__proto__", "bucket'; --", "\u00e9t\u00e9", "op_id "};
        target.put(names[random.nextInt(names.length)] + random.nextInt(100), hostileValue(random));
        return tree;
    }

    @SuppressWarnings("unchecked")
    private static Object dropKeySomewhere(Object tree, Random random) {
        List<Object> objects = containers(tree).stream().filter(node -> node instanceof Map<?, ?> m && !m.isEmpty()).toList();
        Map<String, Object> target = (Map<String, Object>) objects.get(random.nextInt(objects.size()));
        List<String> keys = new ArrayList<>(target.keySet());
        target.remove(keys.get(random.nextInt(keys.size())));
        return tree;
    }

    // ---- values ------------------------------------------------------------------------------------------

    private static Object hostileValue(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> null;
            case 1 -> true;
            case 2 -> "";
            case 3 -> "not a number";
            case 4 -> -1L;
            case 5 -> (long) Integer.MAX_VALUE + 1;
            case 6 -> Long.MIN_VALUE;
            case 7 -> 1.5;
            case 8 -> 1e300;
            case 9 -> new ArrayList<>(List.of(1, "two", new LinkedHashMap<>()));
            case 10 -> new LinkedHashMap<>(Map.of("nested", "object"));
            case 11 -> "x".repeat(100_000);
            case 12 -> "'; DROP TABLE ps_oplog; --";
            case 13 -> "nul\u0000inside";
            case 14 -> 2147483647L;
            default -> "18446744073709551616";
        };
    }

    private static Object hostileBsonValue(Random random) {
        Object value = hostileValue(random);
        // A BSON int32 as well as int64 and double: the reader must type-check each.
        return random.nextBoolean() && value instanceof Long number && number == (int) (long) number
                ? (Object) (int) (long) number : value;
    }

    private static byte[] invalidUtf8(Random random) {
        byte[][] bad = {{(byte) 0xC3}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xC0, (byte) 0xAF}, {'o', 'k', (byte) 0x80}};
        return bad[random.nextInt(bad.length)];
    }

    private static String replaceNumber(String line, Random random) {
        String[] huge = {"1e400", "-1e400", "99999999999999999999999999999999", "-99999999999999999999999999999999",
                "18446744073709551616", "4294967296", "-2147483649", "0.0000000001", "1" + "0".repeat(5000),
                "-0", "1E2", "00"};
        java.util.regex.Matcher numbers = java.util.regex.Pattern.compile("-?\\d+").matcher(line);
        List<int[]> spans = new ArrayList<>();
        while (numbers.find()) {
            spans.add(new int[] {numbers.start(), numbers.end()});
        }
        if (spans.isEmpty()) {
            return line;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return line.substring(0, span[0]) + huge[random.nextInt(huge.length)] + line.substring(span[1]);
    }

    private static String insertBadText(String line, Random random) {
        String[] bad = {"\\ud800", "\\udfff\\ud800", "\u0000", "\\u0000", "\\x41", "\u00ff", "\\", "\"", "\uFFFF"};
        int at = random.nextInt(line.length() + 1);
        return line.substring(0, at) + bad[random.nextInt(bad.length)] + line.substring(at);
    }

    // ---- BSON lengths ------------------------------------------------------------------------------------

    private static int lyingLength(int actual, Random random) {
        int[] lies = {0, 1, 4, 5, actual - 1, actual + 1, actual * 2, -1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        return lies[random.nextInt(lies.length)];
    }

    /** Finds a string or embedded document element and sets its length prefix to a lie. */
    private static byte[] lieAboutAnElement(byte[] document, Random random) {
        List<Integer> lengthOffsets = new ArrayList<>();
        for (int i = 4; i < document.length - 5; i++) {
            int type = document[i];
            if ((type == 0x02 || type == 0x03 || type == 0x04) && (i == 4 || document[i - 1] == 0 || i > 4)) {
                int nameEnd = i + 1;
                while (nameEnd < document.length && document[nameEnd] != 0) {
                    nameEnd++;
                }
                if (nameEnd + 4 < document.length && nameEnd - i < 40) {
                    lengthOffsets.add(nameEnd + 1);
                }
            }
        }
        if (lengthOffsets.isEmpty()) {
            return withInt32(document, 0, lyingLength(document.length, random));
        }
        int offset = lengthOffsets.get(random.nextInt(lengthOffsets.size()));
        return withInt32(document, offset, lyingLength(int32At(document, offset), random));
    }

    private static int int32At(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
                | (bytes[offset + 3] & 0xFF) << 24;
    }

    private static byte[] withInt32(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < 4; i++) {
            copy[offset + i] = (byte) (value >>> (8 * i));
        }
        return copy;
    }
}
