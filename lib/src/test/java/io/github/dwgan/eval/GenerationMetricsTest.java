package io.github.dwgan.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.dwgan.data.SyntheticSquares;
import io.github.dwgan.fid.ClassifierFeatureExtractor;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.train.TrainConfig;
import io.github.dwgan.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the offline classifier on tiny synthetic squares, checks its cache, and runs FCD and KID
 * inside a two-iteration training run.
 */
class GenerationMetricsTest {
    @TempDir Path tmp;

    private static final ClassifierFeatureExtractor.Settings TINY =
            new ClassifierFeatureExtractor.Settings(4, 3, 8, 1e-2, 1000, 3);

    @Test
    void classifierLearnsSquaresIsCachedAndFeedsTheTrainer() throws Exception {
        SyntheticSquares train = new SyntheticSquares(16, 60);
        SyntheticSquares heldOut = new SyntheticSquares(16, 30);
        double[][] before;
        try (var fx =
                ClassifierFeatureExtractor.trainOrLoad(train, heldOut, tmp.resolve("c"), TINY)) {
            assertEquals("FCD", fx.distanceName());
            assertEquals(8, fx.dimension());
            assertTrue(
                    fx.info().heldOutAccuracy() > 0.9, "accuracy " + fx.info().heldOutAccuracy());
            before = Features.of(fx, heldOut, new int[] {0, 1, 2});
        }
        try (var fx =
                ClassifierFeatureExtractor.trainOrLoad(train, heldOut, tmp.resolve("c"), TINY)) {
            double[][] after = Features.of(fx, heldOut, new int[] {0, 1, 2});
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(before[i], after[i], 0, "cached features of image " + i);
            }
            // Same images: distance 0 up to the Frechet offset.
            var gm = new GenerationMetrics(fx, false, heldOut, 12, 1);
            assertEquals(12, gm.samples());
            TrainConfig cfg =
                    TrainConfig.quick().toBuilder()
                            .preset("test")
                            .architecture(Architecture.DEPTHWISE_G)
                            .imageSize(16)
                            .gWidth(4)
                            .gResBlocks(1)
                            .dWidth(4)
                            .dRepeat(3)
                            .iterations(2)
                            .decayIterations(1)
                            .batchSize(4)
                            .nCritic(2)
                            .logEvery(1)
                            .sampleEvery(2)
                            .checkpointEvery(2)
                            .sampleCount(2)
                            .fidEvery(1)
                            .fidSamples(12)
                            .threads(1)
                            .device("cpu")
                            .outputDir(tmp.resolve("run").toString())
                            .progressBar(false)
                            .build();
            try (Trainer t = new Trainer(cfg, train, false)) {
                t.setEvaluator(gm);
                t.run();
            }
            List<String> rows = Files.readAllLines(tmp.resolve("run/metrics.csv"));
            for (String m : List.of("FCD", "KID", "KID/std", "target_acc", "eval/seconds")) {
                for (int it = 1; it <= 2; it++) {
                    String prefix = it + ",";
                    assertTrue(
                            rows.stream()
                                    .anyMatch(
                                            l -> l.startsWith(prefix) && l.contains("," + m + ",")),
                            m + " at " + it);
                }
            }
            double fcd =
                    rows.stream()
                            .filter(l -> l.startsWith("2,") && l.contains(",FCD,"))
                            .mapToDouble(
                                    l -> Double.parseDouble(l.substring(l.lastIndexOf(',') + 1)))
                            .findFirst()
                            .orElseThrow();
            assertTrue(Double.isFinite(fcd) && fcd >= 0, "FCD " + fcd);
            // The run's generator loads back from its checkpoint and translates as in training.
            try (NDManager m = NDManager.newBaseManager()) {
                RunGenerator rg = RunGenerator.load(tmp.resolve("run"), train, m);
                assertEquals(2, rg.iteration());
                var again = gm.evaluate(rg.generator(), m, 2);
                double logged =
                        rows.stream()
                                .filter(l -> l.startsWith("2,") && l.contains(",KID,"))
                                .mapToDouble(
                                        l ->
                                                Double.parseDouble(
                                                        l.substring(l.lastIndexOf(',') + 1)))
                                .findFirst()
                                .orElseThrow();
                assertEquals(logged, again.get("KID"), 1e-6 * Math.max(1, Math.abs(logged)));
            }
        }
    }

    @Test
    void quantisationMatchesEightBitImages() {
        float[] px = {-1f, -0.5f, 0f, 0.999f, 1.2f};
        float[] q = Features.quantise(px.clone());
        var img = Features.toImage(new float[] {-1f, 0f, 1f, 0.5f}, 0, 1, 2);
        assertEquals(0, img.getRaster().getSample(0, 0, 0));
        assertEquals(128, img.getRaster().getSample(1, 0, 0));
        assertEquals(255, img.getRaster().getSample(0, 1, 0));
        assertEquals(-1f, q[0], 0);
        assertEquals(Math.round(0.5f * 127.5f) / 127.5f - 1f, q[1], 1e-7);
        assertEquals(1f, q[4], 0);
    }
}
