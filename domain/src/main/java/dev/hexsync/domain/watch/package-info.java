/**
 * Watches: the database's watches ({@code Watches}), table-change fan-out ({@code ChangeHub}), throttled re-query
 * ({@code QueryWatch}, {@code DifferentialWatch}) and change feeds ({@code ChangeFeed}), delivered as
 * {@code Flow.Publisher}s; and other processes' commits heard as external changes ({@code ExternalChanges}).
 */
package dev.hexsync.domain.watch;
