/**
 * Transport behind {@code ports}: the PowerSync sync stream over Apache HttpClient 5 (arrives with the connected client).
 */
package dev.hexsync.adapters.http;
