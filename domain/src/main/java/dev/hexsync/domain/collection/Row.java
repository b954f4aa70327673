package dev.hexsync.domain.collection;

import java.util.Map;

/** A row as a view holds it: its id, its stored values by column, and the typed value mapped from them. */
record Row<T>(String id, Map<String, Object> columns, T value) {
}
