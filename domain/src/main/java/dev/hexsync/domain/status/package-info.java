/**
 * The public sync status of a database: the holder every part reports to ({@code StatusHolder}, seen by the loops
 * as {@code StatusUpdates}) and the mapping of the engine's download status onto it ({@code StatusMapper}).
 */
package dev.hexsync.domain.status;
