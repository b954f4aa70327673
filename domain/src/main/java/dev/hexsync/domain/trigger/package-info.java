/**
 * Managed diff triggers: the naming convention that lets anyone recover a trigger's owner id and destination
 * from its name alone, temporary versus persisted triggers, the claims their owners hold, and the sweep that
 * drops persisted triggers nobody claims any more.
 */
package dev.hexsync.domain.trigger;
