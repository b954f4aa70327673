/**
 * Virtual time for tests: a scheduler whose clock moves only when the test moves it.
 */
package dev.hexsync.testkit.time;
