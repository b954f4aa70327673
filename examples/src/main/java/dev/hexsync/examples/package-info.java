/**
 * Example applications on hexsync, each run by a test of this module: a to-do app synced through a backend
 * ({@code todo}), a custom transport ({@code transport}) and a custom claim backend ({@code claims}). The user
 * guide's code samples are regions of this module's test sources.
 */
package dev.hexsync.examples;
