/** Java static methods H2 calls as SQL functions ({@code CREATE ALIAS}): reading columns out of JSON rows. */
package dev.hexsync.adapters.h2.functions;
