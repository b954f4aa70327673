package dev.hexsync.cli;

/**
 * What a {@code hexsync} exit status says happened. Listed in {@code hexsync --help} (the annotation of
 * {@link HexSyncCli} repeats them: annotation values cannot refer to an array) and the README; scripts may rely
 * on them.
 */
final class ExitCodes {
    /** The command did what was asked. */
    static final int OK = 0;
    /** Syncing failed: the service rejected the request, or the command ended without ever syncing. */
    static final int SYNC_FAILED = 1;
    /** The command line was wrong: an unknown option, a bad value, a missing or invalid input file. */
    static final int USAGE = 2;
    /** Something else went wrong inside hexsync (the message says what; -Dhexsync.log=debug adds the trace). */
    static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
