/**
 * Guice modules, one per adapter plus the engine.
 */
package dev.hexsync.bootstrap.wiring;
