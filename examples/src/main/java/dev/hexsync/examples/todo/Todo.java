package dev.hexsync.examples.todo;

import java.time.Instant;

/**
 * One to-do as the app reads it, mapped from a row by column name ({@code list_id} to {@code listId}).
 *
 * @param id the row id
 * @param listId the list it belongs to
 * @param description what to do
 * @param completed whether it is done
 * @param createdAt when it was created
 */
public record Todo(String id, String listId, String description, boolean completed, Instant createdAt) {
}
