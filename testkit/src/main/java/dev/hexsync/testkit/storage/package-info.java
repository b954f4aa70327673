/**
 * The storage ports' contract tests and the in-memory fakes they also hold to account. A SQL session's contracts
 * ({@link dev.hexsync.testkit.storage.StorageContractTest}, {@link dev.hexsync.testkit.storage.TransactionContractTest},
 * {@link dev.hexsync.testkit.storage.TableChangesContractTest}, {@link dev.hexsync.testkit.storage.CrudQueueContractTest},
 * over {@link dev.hexsync.testkit.storage.SqlSessionContract}) prove a {@link dev.hexsync.ports.storage.StorageEngine}
 * keeps the PowerSync layout, transactions, the upload queue and table changes as the ports promise. The sync
 * storage roles' contracts (over {@link dev.hexsync.testkit.storage.SyncStorageContract}) and
 * {@link dev.hexsync.testkit.storage.TriggerStoreContractTest} drive an engine through a fixture
 * ({@link dev.hexsync.testkit.storage.SyncStorageFixture}, {@link dev.hexsync.testkit.storage.TriggerStoreFixture})
 * and observe it through {@link dev.hexsync.testkit.storage.LayoutObservation}: on SQL in the PowerSync layout, or on
 * the fakes ({@link dev.hexsync.testkit.storage.InMemorySyncStorage}, {@link dev.hexsync.testkit.storage.InMemoryTriggerStore})
 * the domain's tests use.
 */
package dev.hexsync.testkit.storage;
