/**
 * The {@code hexsync} command line ({@code demo}, {@code sync}, {@code conformance}, {@code bench}), the
 * benchmarks and their child-JVM helpers, and the worker process the multi-process benchmark and tests start.
 * Built into the launcher's jar; applications depend on {@code bootstrap}, never on this module.
 */
package dev.hexsync.cli;
