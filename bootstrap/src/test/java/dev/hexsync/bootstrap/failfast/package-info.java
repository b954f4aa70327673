/** Failures an application meets first, made short, typed and named: bad database paths, a first sync that never comes. */
package dev.hexsync.bootstrap.failfast;
