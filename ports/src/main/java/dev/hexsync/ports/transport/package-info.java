/**
 * The transport port: the sync service's HTTP interface as the client uses it.
 */
package dev.hexsync.ports.transport;
