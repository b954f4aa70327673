/**
 * Log capture for tests: {@link dev.hexsync.testkit.logs.CapturedLogs}, an SLF4J backend that keeps every line
 * while capturing, for tests that check what hexsync (and its libraries) log, and what they never log.
 */
package dev.hexsync.testkit.logs;
