/**
 * The {@code hexsync} command line: demo, conformance, bench.
 */
package dev.hexsync.bootstrap.cli;
