/**
 * Managed diff triggers: the naming convention that lets anyone recover a trigger's owner id and destination
 * from its name alone, temporary versus persisted triggers, the claims their owners hold, the sweep that drops
 * persisted triggers nobody claims any more, and tracked table diffs handed to an application's handler.
 */
package dev.hexsync.domain.trigger;
