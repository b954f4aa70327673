/**
 * The contract of hexsync: driven ports (SPI) the engine needs, the driving API applications call, and
 * the value records that cross the boundary. This module depends on the JDK only, so a team writing a
 * custom adapter needs nothing but this jar and the testkit contract tests.
 */
package dev.hexsync.ports;
