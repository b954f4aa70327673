/**
 * Time for tests: a scheduler whose clock moves only when the test moves it ({@code VirtualScheduler},
 * {@code ManualClock}), and one on real threads for tests whose work really blocks ({@code ThreadScheduler}).
 */
package dev.hexsync.testkit.time;
