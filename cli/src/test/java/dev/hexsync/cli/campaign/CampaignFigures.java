package dev.hexsync.cli.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures one campaign reports: cases run, faults injected, failures found, anything lost, and a few
 * named counts of its own. Each campaign test fills one and {@link #save() saves} it as a properties file in
 * the figures directory ({@code target/campaign}, or the system property {@code hexsync.campaign.figures}),
 * which {@link ReliabilityReport} reads. Saving only records what was seen; the tests assert separately.
 *
 * <p>How many cases a campaign runs comes from {@link #scale(String, int, int)}: the small default keeps the
 * ordinary build quick, the campaign profile sets {@code hexsync.campaign.full=true} for the full counts.
 */
public final class CampaignFigures {
    private final String campaign;
    private final String title;
    private final Map<String, String> figures = new LinkedHashMap<>();

    public CampaignFigures(String campaign, String title) {
        this.campaign = campaign;
        this.title = title;
    }

    /** Whether this run is the full campaign ({@code -Dhexsync.campaign.full=true}). */
    static boolean full() {
        return Boolean.getBoolean("hexsync.campaign.full");
    }

    /** The count for this run: the system property {@code name} if set, else {@code full} or {@code quick}. */
    static int scale(String name, int quick, int full) {
        return Integer.getInteger(name, full() ? full : quick);
    }

    static Path directory() {
        return Path.of(System.getProperty("hexsync.campaign.figures", "target/campaign"));
    }

    public CampaignFigures put(String name, Object value) {
        figures.put(name, String.valueOf(value));
        return this;
    }

    /** Adds {@code delta} to a counting figure. */
    public synchronized CampaignFigures add(String name, long delta) {
        figures.merge(name, Long.toString(delta), (a, b) -> Long.toString(Long.parseLong(a) + Long.parseLong(b)));
        return this;
    }

    long get(String name) {
        return Long.parseLong(figures.getOrDefault(name, "0"));
    }

    /** Writes {@code <campaign>.properties}: the title first, then the figures in the order they were put. */
    public synchronized void save() {
        StringBuilder text = new StringBuilder("title=").append(escape(title)).append('\n');
        text.append("full=").append(full()).append('\n');
        figures.forEach((name, value) -> text.append(name).append('=').append(escape(value)).append('\n'));
        try {
            Files.createDirectories(directory());
            Files.writeString(directory().resolve(campaign + ".properties"), text, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the figures of " + campaign, e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
