package io.github.dwgan.bench;

import io.github.dwgan.data.SyntheticSquares;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.train.TrainConfig;
import io.github.dwgan.train.Trainer;
import io.github.dwgan.train.TrainingDivergedException;
import io.github.dwgan.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Runs the real trainer on a tiny configuration for many iterations and records the process's
 * resident memory as it goes, to show whether arrays leak (a leak shows as steady growth).
 */
public final class MemoryRun {
    private MemoryRun() {}

    /** Resident memory (MiB) after each logged iteration. */
    public record Trace(Architecture arch, int[] iteration, double[] rssMb) {
        /** Returns the least-squares slope of RSS against iterations, in MiB per 100. */
        public double growthPer100() {
            return growthPer100(0);
        }

        /** Returns the slope over the readings at or after {@code from}, in MiB per 100. */
        public double growthPer100(int from) {
            double n = 0;
            double mx = 0;
            double my = 0;
            for (int i = 0; i < iteration.length; i++) {
                if (iteration[i] >= from) {
                    n++;
                    mx += iteration[i];
                    my += rssMb[i];
                }
            }
            mx /= n;
            my /= n;
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < iteration.length; i++) {
                if (iteration[i] >= from) {
                    sxy += (iteration[i] - mx) * (rssMb[i] - my);
                    sxx += (iteration[i] - mx) * (iteration[i] - mx);
                }
            }
            return sxx == 0 ? Double.NaN : 100 * sxy / sxx;
        }
    }

    /**
     * Trains {@code arch} at 32 px with base widths 8, two residual blocks, four D convolutions,
     * batch 8 and a G step every iteration, logging RSS every {@code every} iterations.
     *
     * @param arch the architecture
     * @param iterations iterations to run (500 in the benchmark)
     * @param every iterations between readings
     * @param outDir where the trainer's run folder goes
     * @return the trace
     * @throws IOException when the trainer cannot write its files
     */
    public static Trace run(Architecture arch, int iterations, int every, Path outDir)
            throws IOException {
        TrainConfig cfg =
                TrainConfig.quick().toBuilder()
                        .architecture(arch)
                        .imageSize(32)
                        .gWidth(8)
                        .gResBlocks(2)
                        .dWidth(8)
                        .dRepeat(4)
                        .batchSize(8)
                        .nCritic(1)
                        // Memory does not depend on the rate. A probe at 1e-4 once went NaN, before
                        // the scalar use-after-free fix (NativeArrays.scalar); the low rate is kept
                        // so that readings compare with results/bench/memory.csv.
                        .gLr(1e-5)
                        .dLr(1e-5)
                        .iterations(iterations)
                        .decayIterations(iterations / 2)
                        .logEvery(every)
                        .sampleEvery(iterations)
                        .checkpointEvery(iterations)
                        .threads(1)
                        .progressBar(false)
                        .outputDir(outDir.resolve(arch.paperName()).toString())
                        .build();
        List<Integer> its = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        try (Trainer t = new Trainer(cfg, new SyntheticSquares(32, 64), false)) {
            t.addListener(
                    new TrainingListener() {
                        @Override
                        public void onLog(int iteration, Map<String, Double> losses) {
                            its.add(iteration);
                            rss.add(ProcStatus.rssMb());
                        }
                    });
            try {
                t.run();
            } catch (TrainingDivergedException e) {
                // The trace up to the NaN still shows the memory trend; say so and keep it.
                LoggerFactory.getLogger(MemoryRun.class)
                        .warn("{}: memory trace stops early: {}", arch.paperName(), e.getMessage());
            }
        }
        return new Trace(
                arch,
                its.stream().mapToInt(Integer::intValue).toArray(),
                rss.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
