package io.github.dwgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.dwgan.data.SyntheticSquares;
import io.github.dwgan.model.Architecture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Trains tiny models for a few iterations and checks results, resumption and failures. */
class TrainerTest {
    @TempDir Path tmp;

    @AfterEach
    void disarm() {
        Checkpoints.faultInjector = name -> {};
    }

    private TrainConfig tiny(Architecture a, int iterations, Path out) {
        return TrainConfig.quick().toBuilder()
                .preset("test")
                .architecture(a)
                .imageSize(16)
                .gWidth(4)
                .gResBlocks(1)
                .dWidth(4)
                .dRepeat(3)
                .iterations(iterations)
                .decayIterations(iterations / 2)
                .batchSize(4)
                .nCritic(2)
                .logEvery(1)
                .sampleEvery(2)
                .checkpointEvery(1)
                .sampleCount(2)
                .threads(1)
                .device("cpu")
                .outputDir(out.toString())
                .progressBar(false)
                .build();
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void twoIterationsOfEachArchitectureLeaveEveryResult(Architecture a) throws IOException {
        Path run = tmp.resolve(a.name());
        TrainResult r;
        try (Trainer t = new Trainer(tiny(a, 2, run), new SyntheticSquares(16, 12), false)) {
            r = t.run();
        }
        assertEquals(2, r.iterations());
        for (String k :
                List.of(
                        "D/loss_real",
                        "D/loss_fake",
                        "D/loss_cls",
                        "D/loss_gp",
                        "G/loss_fake",
                        "G/loss_rec",
                        "G/loss_cls")) {
            assertTrue(Double.isFinite(r.lastLosses().get(k)), k);
        }
        assertTrue(Files.size(run.resolve("samples/0000002.png")) > 100);
        assertTrue(Files.exists(run.resolve("checkpoints/iter-0000002/G.params")));
        assertTrue(Files.readString(run.resolve("provenance.json")).contains("gitCommit"));
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(MetricsLog.HEADER, rows.get(0));
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("2,") && l.contains("G/loss_rec")));
    }

    @Test
    void resumingContinuesExactly() throws IOException {
        TrainConfig straight = tiny(Architecture.DEPTHWISE_DG, 4, tmp.resolve("straight"));
        List<float[]> expected;
        try (Trainer t = new Trainer(straight, new SyntheticSquares(16, 12), false)) {
            t.run();
            expected = weights(t.generator(), t.discriminator());
        }
        TrainConfig split = tiny(Architecture.DEPTHWISE_DG, 4, tmp.resolve("split"));
        try (Trainer t = new Trainer(split, new SyntheticSquares(16, 12), false)) {
            t.addListener(
                    new TrainingListener() {
                        @Override
                        public void onLog(int iteration, Map<String, Double> losses) {
                            if (iteration == 2) {
                                t.requestStop();
                            }
                        }
                    });
            TrainResult first = t.run();
            assertTrue(first.stoppedEarly());
            assertEquals(2, first.iterations());
        }
        try (Trainer t = new Trainer(split, new SyntheticSquares(16, 12), true)) {
            assertEquals(2, t.iterationsDone());
            t.run();
            List<float[]> resumed = weights(t.generator(), t.discriminator());
            assertEquals(expected.size(), resumed.size());
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), resumed.get(i), "parameter " + i);
            }
        }
        long rowsAt2 =
                Files.readAllLines(tmp.resolve("split/metrics.csv")).stream()
                        .filter(l -> l.startsWith("2,D/loss_real") || l.matches("2,.*,D/loss,.*"))
                        .count();
        assertEquals(1, rowsAt2, "metrics rows of iteration 2 must not be duplicated");
    }

    @Test
    void aCrashDuringACheckpointWriteKeepsThePreviousOne() throws IOException {
        TrainConfig cfg = tiny(Architecture.STARGAN, 3, tmp.resolve("crash"));
        try (Trainer t = new Trainer(cfg, new SyntheticSquares(16, 12), false)) {
            t.addListener(
                    new TrainingListener() {
                        @Override
                        public void onLog(int iteration, Map<String, Double> losses) {
                            if (iteration == 2) {
                                Checkpoints.faultInjector =
                                        name -> {
                                            if (name.equals("D.params")) {
                                                throw new UncheckedIOException(
                                                        new IOException("simulated crash"));
                                            }
                                        };
                            }
                        }
                    });
            assertThrows(UncheckedIOException.class, t::run);
        }
        Checkpoints.faultInjector = name -> {};
        Path dir = tmp.resolve("crash/checkpoints");
        assertFalse(Files.exists(dir.resolve("iter-0000002")));
        try (Trainer t = new Trainer(cfg, new SyntheticSquares(16, 12), true)) {
            assertEquals(1, t.iterationsDone());
            assertEquals(3, t.run().iterations());
        }
    }

    @Test
    void aNanLossStopsWithTheIterationAndKeepsTheCheckpoint() throws IOException {
        TrainConfig cfg = tiny(Architecture.STARGAN, 3, tmp.resolve("nan"));
        SyntheticSquares data = new SyntheticSquares(16, 12);
        try (Trainer t = new Trainer(cfg, data, false)) {
            t.addListener(
                    new TrainingListener() {
                        @Override
                        public void onLog(int iteration, Map<String, Double> losses) {
                            data.poisoned = iteration == 1;
                        }
                    });
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::run);
            assertEquals(2, e.iteration());
            assertTrue(e.getMessage().contains("Iteration 2: D/loss_real is NaN"), e.getMessage());
        }
        data.poisoned = false;
        try (Trainer t = new Trainer(cfg, data, true)) {
            assertEquals(1, t.iterationsDone());
        }
    }

    private static List<float[]> weights(Block... blocks) {
        List<float[]> out = new ArrayList<>();
        for (Block b : blocks) {
            for (Pair<String, Parameter> p : b.getParameters()) {
                out.add(p.getValue().getArray().toFloatArray());
            }
        }
        return out;
    }
}
