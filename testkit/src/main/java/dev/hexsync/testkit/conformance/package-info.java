/**
 * The conformance runner: oracle-format scenarios run through hexsync, results compared with the real engine.
 */
package dev.hexsync.testkit.conformance;
