/**
 * The driving API applications call: {@link dev.hexsync.ports.api.SyncDatabase}, queries, transactions, watches.
 */
package dev.hexsync.ports.api;
