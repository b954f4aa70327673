/**
 * The production scheduler on the system clock.
 */
package dev.hexsync.bootstrap.time;
