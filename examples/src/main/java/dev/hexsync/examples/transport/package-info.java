/**
 * A custom transport: {@link dev.hexsync.examples.transport.MeteredTransport} decorates the HTTP transport to
 * count what crosses the wire, and {@link dev.hexsync.examples.transport.MeteredTransportModule} plugs it in with
 * {@code HexSync.builder().override(...)}.
 */
package dev.hexsync.examples.transport;
