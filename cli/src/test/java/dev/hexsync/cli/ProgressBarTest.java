package dev.hexsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The progress bar's numbers agree: 100 % only when every op is in. */
class ProgressBarTest {
    @Test
    void percentRoundsDownSoItNeverClaimsTheLastOps() {
        assertThat(ProgressBar.percent(20_000, 20_010)).isEqualTo(99);
        assertThat(ProgressBar.percent(20_010, 20_010)).isEqualTo(100);
        assertThat(ProgressBar.percent(0, 20_010)).isZero();
        assertThat(ProgressBar.frame(20_000, 20_010)).contains(" 99% (20,000 / 20,010 ops)");
    }

    @Test
    void anEmptyTargetIsComplete() {
        assertThat(ProgressBar.percent(0, 0)).isEqualTo(100);
    }
}
