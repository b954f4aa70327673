/**
 * The conformance runner: oracle-format scenarios run through hexsync, results compared with the real engine.
 * {@link dev.hexsync.testkit.conformance.OracleResults} builds the parts of a result every runner shares (hexsync's
 * here, the judge's native engine in the cli tests), so both show a state in the same form.
 */
package dev.hexsync.testkit.conformance;
