/**
 * The fault campaign (issue 18): kill -9 of a syncing writer, service faults from the emulator, fuzzed sync
 * lines (jqwik), hostile names and values, a full disk, and the multi-process load. Each case records its
 * figures with {@link dev.hexsync.cli.campaign.CampaignFigures}; {@link dev.hexsync.cli.campaign.ReliabilityReport}
 * turns them into {@code docs/RELIABILITY.md} when the campaign profile runs ({@code mvn -B verify -Pcampaign}).
 * In the default build the same cases run with small counts, so they stay a few seconds each.
 */
package dev.hexsync.cli.campaign;
