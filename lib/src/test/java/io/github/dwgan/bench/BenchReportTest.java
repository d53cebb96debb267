package io.github.dwgan.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dwgan.model.Architecture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the statistics and the paper table on made-up timings. */
class BenchReportTest {
    private static StepTimes times(String impl, Architecture a, double d, double g) {
        return new StepTimes(
                impl,
                a,
                128,
                4,
                "cpu",
                new double[] {d, d + 1, d - 1},
                new double[] {0.1},
                new double[] {g},
                new double[] {0.1},
                new double[] {d},
                new double[] {g},
                100);
    }

    @Test
    void medianMinMax() {
        assertEquals(2.5, StepTimes.median(new double[] {4, 1, 3, 2}));
        assertEquals(3, StepTimes.median(new double[] {5, 3, 1}));
        assertEquals(1, StepTimes.min(new double[] {5, 3, 1}));
        assertEquals(5, StepTimes.max(new double[] {5, 3, 1}));
    }

    @Test
    void perIterationWeightsTheGeneratorStepByNCritic() {
        // D 10 s every iteration, G 20 s every fifth: 10 + 20 / 5 = 14 s per iteration.
        assertEquals(14, BenchReport.perIteration(times("ours", Architecture.STARGAN, 10, 20), 5));
    }

    @Test
    void paperTableShowsSpeedUpsOverStarGan() {
        List<StepTimes> rows =
                List.of(
                        times("ours", Architecture.STARGAN, 10, 20),
                        times("pytorch", Architecture.STARGAN, 10, 20),
                        times("ours", Architecture.DEPTHWISE_DG, 5, 10),
                        times("pytorch", Architecture.DEPTHWISE_DG, 10, 20));
        String t = BenchReport.paperTable(rows, 5);
        // StarGAN 14 s, DepthwiseDG 7 s: 2x; the paper: 72 h / 9 h = 8x.
        assertTrue(t.contains("2.00x"), t);
        assertTrue(t.contains("8.00x"), t);
    }

    @Test
    void mergePoolsTheIterationsOfRepeatedRuns() {
        StepTimes a = times("ours", Architecture.STARGAN, 10, 20); // D 10, 11, 9
        StepTimes b =
                new StepTimes(
                        "ours",
                        Architecture.STARGAN,
                        128,
                        4,
                        "cpu",
                        new double[] {12, 13},
                        new double[] {0.2},
                        new double[] {30},
                        new double[] {0.2},
                        new double[] {12},
                        new double[] {30},
                        250);
        StepTimes m = StepTimes.merge(List.of(a, b));
        assertArrayEquals(new double[] {10, 11, 9, 12, 13}, m.d());
        assertArrayEquals(new double[] {20, 30}, m.g());
        assertEquals(11, StepTimes.median(m.d()));
        assertEquals(250, m.peakRssMb()); // the highest of the runs
        StepTimes other = times("pytorch", Architecture.STARGAN, 10, 20);
        assertThrows(IllegalArgumentException.class, () -> StepTimes.merge(List.of(a, other)));
    }

    @Test
    void jsonRoundTrip() {
        StepTimes a = times("pytorch", Architecture.DEEPER_DEPTHWISE_G, 3, 4);
        StepTimes b = StepTimes.fromJson(a.toJson());
        assertEquals(a.arch(), b.arch());
        assertEquals(a.impl(), b.impl());
        assertEquals(StepTimes.median(a.d()), StepTimes.median(b.d()));
    }
}
