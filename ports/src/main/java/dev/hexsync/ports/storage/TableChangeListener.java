package dev.hexsync.ports.storage;

/** Receives {@link TableChange}s; must be fast and must not throw. */
@FunctionalInterface
public interface TableChangeListener {
    void onTablesChanged(TableChange change);
}
