/**
 * Storage on H2 (pure Java, MVStore): the PowerSync layout in H2's idiom, sessions with one writer and a pool of
 * readers, the upload queue, the sync storage roles and diff triggers.
 */
package dev.hexsync.adapters.h2;
