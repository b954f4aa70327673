/**
 * Watches: table-change fan-out, throttled re-query and change feeds, delivered as {@code Flow.Publisher}s.
 */
package dev.hexsync.domain.watch;
