/**
 * The library applications depend on: the {@link dev.hexsync.bootstrap.HexSync} builder, which builds a
 * {@code SyncDatabase} from the Guice modules of the default adapters or from modules the application
 * substitutes.
 */
package dev.hexsync.bootstrap;
