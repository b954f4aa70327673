/**
 * Test kit for hexsync and its adapters: contract tests, virtual time and the conformance runner. Depends on ports, json and schema-json only.
 */
package dev.hexsync.testkit;
