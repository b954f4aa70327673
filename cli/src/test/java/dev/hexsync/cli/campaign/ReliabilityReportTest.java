package dev.hexsync.cli.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the report. In every build it renders a figures directory made here and checks the page; in the
 * campaign profile ({@code hexsync.campaign.report} set to the page's path) it also writes the real page from
 * the campaign's figures, after the campaign's tests (the profile runs this class in a later execution).
 */
class ReliabilityReportTest {

    @Test
    void rendersEachCampaignsFiguresAndSaysWhichDidNotRun(@TempDir Path figures) throws Exception {
        Files.writeString(figures.resolve("kill-9.properties"), "title=Kill -9\ncases=20\nlost=0\n", StandardCharsets.UTF_8);
        String page = ReliabilityReport.render(figures);
        assertThat(page).contains("## Kill -9", "| cases | 20 |", "| lost | 0 |", "Not run in this campaign.");
    }

    @Test
    @EnabledIfSystemProperty(named = "hexsync.campaign.report", matches = ".+")
    void writesThePage() throws Exception {
        Path page = Path.of(System.getProperty("hexsync.campaign.report"));
        String text = ReliabilityReport.render(CampaignFigures.directory());
        Files.writeString(page, text, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("Not run in this campaign.");
    }
}
