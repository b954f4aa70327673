/**
 * Clock and scheduler, so every delay and TTL runs on virtual time in tests.
 */
package dev.hexsync.ports.time;
