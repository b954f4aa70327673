/**
 * The wiring: Guice modules per adapter, the {@link dev.hexsync.bootstrap.HexSync} builder and the command line.
 */
package dev.hexsync.bootstrap;
