/**
 * Value records that cross the boundary: upload queue entries, batches and transactions.
 */
package dev.hexsync.ports.model;
