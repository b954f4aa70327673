/**
 * The storage port's contract test: extend {@link dev.hexsync.testkit.storage.StorageContractTest} to prove a
 * {@link dev.hexsync.ports.storage.StorageEngine} keeps the PowerSync layout, transactions, the upload queue and
 * table-change notifications as the port promises.
 */
package dev.hexsync.testkit.storage;
