package dev.hexsync.bootstrap.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The one list of known differences between the native judge (powersync-sqlite-core <b>0.5.1</b>, the
 * newest core shipped as desktop libraries in {@code com.powersync:common-jvm}) and the engine hexsync
 * follows, the oracle's <b>0.5.3</b>. Where the two engine versions disagree, 0.5.3 wins.
 *
 * <p>Every entry names the engine change behind it, was reproduced with the oracle ({@code node
 * oracle.mjs}) before it was added, and carries that evidence: a minimal scenario and the oracle's result
 * under {@code src/test/resources/judge/known-differences/}, which {@code NativeEngineKnownDifferencesTest}
 * re-checks on every build (the native engine must still differ exactly there, and hexsync must match the
 * oracle). A known difference excuses a reported difference only when the scenario can trigger it, the
 * path matches, and the values point the documented way. Never add an entry to hide a hexsync bug.
 */
final class KnownDifferences {
    private KnownDifferences() {
    }

    /**
     * One engine-version difference.
     *
     * @param name short id, also the name of its evidence files
     * @param explanation what differs and why (the upstream change)
     * @param triggeredBy whether a scenario (parsed JSON) can trigger it at all
     * @param path the difference paths it may explain ({@code ResultComparison}'s {@code $.a[0].b} form)
     * @param values whether the native (expected) and hexsync (actual) values point the documented way
     */
    record KnownDifference(String name, String explanation, Predicate<JsonNode> triggeredBy, Pattern path,
            ValueCheck values) {

        /** Whether this entry explains one line of {@code ResultComparison.differences(native, hexsync)}. */
        boolean explains(JsonNode scenario, String difference) {
            Matcher matcher = DIFFERENCE.matcher(difference);
            if (!matcher.matches() || !path.matcher(matcher.group(1)).matches() || !triggeredBy.test(scenario)) {
                return false;
            }
            return values.test(matcher.group(2), matcher.group(3));
        }
    }

    /** Compares the native ("expected") and hexsync ("got") value texts of a difference. */
    @FunctionalInterface
    interface ValueCheck {
        boolean test(String nativeValue, String hexsyncValue);
    }

    /** {@code ResultComparison}'s value difference: {@code <path>: expected <native> got <hexsync>}. */
    private static final Pattern DIFFERENCE = Pattern.compile("^(\\$[^ ]*): expected (.*) got (.*)$", Pattern.DOTALL);

    /**
     * Where transaction ids appear in a result: {@code ps_crud.tx_id} in the final state and every snapshot,
     * and {@code tx_id} / {@code next_tx} columns a {@code sql} step selected (from ps_crud, ps_tx).
     */
    private static final Pattern TX_IDS = Pattern.compile(
            "^\\$(\\.steps\\[\\d+\\]\\.state)?\\.ps_crud\\[\\d+\\]\\.tx_id$|^\\$\\.steps\\[\\d+\\]\\.rows\\[\\d+\\]\\.(tx_id|next_tx)$");

    static final List<KnownDifference> ALL = List.of(
            new KnownDifference("insert-only-tx-id",
                    "A transaction that writes to an insert_only table and to a regular (capturing) table takes two "
                            + "tx_ids in core 0.5.1: each of the engine's two CRUD virtual tables (powersync_crud for "
                            + "regular tables, the simple one for insert_only tables) increments ps_tx.next_tx in its own "
                            + "xBegin. Core 0.5.3 (powersync-sqlite-core commit aa76bfe, 'Fix tx_id mismatch for "
                            + "insert-only tables') shares one tx_id per transaction, as hexsync does. From that step on "
                            + "every later tx_id of the native engine is larger than hexsync's (and the oracle's).",
                    KnownDifferences::writesInsertOnlyAndCapturingTablesInOneStep,
                    TX_IDS,
                    (nativeValue, hexsyncValue) -> Long.parseLong(nativeValue) > Long.parseLong(hexsyncValue)));

    /** The differences no known difference explains. */
    static List<String> unexplained(JsonNode scenario, List<String> differences) {
        List<String> left = new ArrayList<>();
        for (String difference : differences) {
            if (explainedBy(scenario, difference).isEmpty()) {
                left.add(difference);
            }
        }
        return left;
    }

    /** The known difference that explains a difference, if any. */
    static Optional<KnownDifference> explainedBy(JsonNode scenario, String difference) {
        return ALL.stream().filter(known -> {
            try {
                return known.explains(scenario, difference);
            } catch (RuntimeException unparsable) {
                return false;
            }
        }).findFirst();
    }

    // --- triggers ----------------------------------------------------------------------------------------

    private static final Pattern WRITE_TARGET = Pattern.compile(
            "(?i)\\b(?:INSERT\\s+(?:OR\\s+\\w+\\s+)?INTO|UPDATE(?:\\s+OR\\s+\\w+)?|DELETE\\s+FROM)\\s+[\"`\\[]?([A-Za-z0-9_]+)");

    /**
     * Whether some {@code sql} step writes, in its one transaction, to the view of an insert_only table and
     * to the view of a table whose writes are captured through {@code powersync_crud} (not local_only, not
     * insert_only). Only the scenario's initial schema is considered.
     */
    static boolean writesInsertOnlyAndCapturingTablesInOneStep(JsonNode scenario) {
        Set<String> insertOnly = new TreeSet<>();
        Set<String> capturing = new TreeSet<>();
        JsonNode tables = scenario.path("schema").path("tables");
        for (JsonNode table : tables.values()) {
            String view = (table.has("view_name") ? table.get("view_name") : table.path("name")).asString("")
                    .toLowerCase(Locale.ROOT);
            if (table.path("insert_only").asBoolean(false)) {
                insertOnly.add(view);
            } else if (!table.path("local_only").asBoolean(false)) {
                capturing.add(view);
            }
        }
        if (insertOnly.isEmpty() || capturing.isEmpty()) {
            return false;
        }
        for (JsonNode step : scenario.path("steps").values()) {
            if (!step.path("sql").isString()) {
                continue;
            }
            boolean toInsertOnly = false;
            boolean toCapturing = false;
            Matcher matcher = WRITE_TARGET.matcher(step.get("sql").stringValue());
            while (matcher.find()) {
                String target = matcher.group(1).toLowerCase(Locale.ROOT);
                toInsertOnly |= insertOnly.contains(target);
                toCapturing |= capturing.contains(target);
            }
            if (toInsertOnly && toCapturing) {
                return true;
            }
        }
        return false;
    }
}
