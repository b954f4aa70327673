/**
 * The application's tables and their options, validation, and the PowerSync schema JSON.
 */
package dev.hexsync.ports.schema;
