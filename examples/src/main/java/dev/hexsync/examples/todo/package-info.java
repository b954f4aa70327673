/**
 * A to-do app: its schema and queries ({@link dev.hexsync.examples.todo.TodoApp}), the backend connector that
 * uploads local writes to the app's own server ({@link dev.hexsync.examples.todo.TodoBackend}), and that server's
 * database, kept in memory ({@link dev.hexsync.examples.todo.ServerDatabase}).
 */
package dev.hexsync.examples.todo;
