package io.github.dwgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dwgan.data.SyntheticSquares;
import io.github.dwgan.loss.AdversarialLoss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Trains the same quick-sized run twice in one JVM and requires identical metrics.
 *
 * <p>Surefire runs this class in a JVM of its own with glibc's {@code MALLOC_PERTURB_} set (freed
 * memory is overwritten at once) and a 2 MB young generation (collections every few milliseconds),
 * so that native memory freed too early, such as the Java buffers behind DJL's scalar tensors that
 * the autograd graph keeps, is read as garbage and the runs part or go NaN. It caught exactly that
 * (see {@code NativeArrays.scalar}); under the default settings it would pass either way.
 */
class MemorySafetyTest {
    @TempDir Path tmp;

    @ParameterizedTest
    @EnumSource(AdversarialLoss.class)
    void twoIdenticalRunsGiveIdenticalMetrics(AdversarialLoss loss) throws IOException {
        String perturb = System.getenv("MALLOC_PERTURB_");
        assertTrue(
                perturb != null && !perturb.isEmpty(),
                "run by the memory-safety execution of Surefire, with MALLOC_PERTURB_ set");
        String first = run(loss, tmp.resolve("a"));
        String second = run(loss, tmp.resolve("b"));
        assertEquals(first, second);
    }

    private static String run(AdversarialLoss loss, Path out) throws IOException {
        TrainConfig cfg =
                TrainConfig.quick().toBuilder()
                        .adversarialLoss(loss)
                        .iterations(12)
                        .decayIterations(0)
                        .logEvery(2)
                        .sampleEvery(100)
                        .checkpointEvery(100)
                        .fidEvery(0)
                        .device("cpu")
                        .progressBar(false)
                        .outputDir(out.toString())
                        .build();
        try (Trainer t = new Trainer(cfg, new SyntheticSquares(32, 600), false)) {
            t.run();
        }
        // Drop the wall-clock column; keep iteration, metric and value.
        return Files.readString(out.resolve("metrics.csv"))
                .replaceAll("(?m)^([0-9]+),[0-9.]+,", "$1,");
    }
}
