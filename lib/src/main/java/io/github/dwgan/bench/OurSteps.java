package io.github.dwgan.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.github.dwgan.data.LabelKind;
import io.github.dwgan.engine.Engines;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.model.Discriminator;
import io.github.dwgan.model.Generator;
import io.github.dwgan.model.ModelConfig;
import io.github.dwgan.model.Models;
import io.github.dwgan.train.Adam;
import io.github.dwgan.train.GanStep;
import io.github.dwgan.train.TrainConfig;
import java.util.Random;

/**
 * Times our training step exactly as the trainer runs it ({@link GanStep} and {@link Adam}, each
 * iteration in an {@code NDScope} with a sub-manager) on random images and labels.
 */
public final class OurSteps {
    private OurSteps() {}

    /**
     * Builds the paper's models for {@code arch} at the given size and times {@code iterations}
     * iterations after {@code warmup} untimed ones.
     *
     * @param arch the architecture
     * @param imageSize image size (a multiple of 64: D has six stride-2 convolutions)
     * @param batch batch size
     * @param warmup untimed iterations
     * @param iterations timed iterations
     * @param threads intra-op threads
     * @param device {@code cpu} or {@code gpu} (see {@link Engines#device})
     * @return the timings
     */
    public static StepTimes run(
            Architecture arch,
            int imageSize,
            int batch,
            int warmup,
            int iterations,
            int threads,
            String device) {
        Engines.configure(threads);
        Device dev = Engines.device(device);
        TrainConfig cfg =
                TrainConfig.paper().toBuilder()
                        .architecture(arch)
                        .imageSize(imageSize)
                        .batchSize(batch)
                        .threads(threads)
                        .build();
        int domains = 5;
        ModelConfig mc = cfg.model(3, domains);
        double[][] t = new double[6][iterations];
        try (NDManager base = NDManager.newBaseManager(dev)) {
            Generator g = new Generator(mc);
            Discriminator d = new Discriminator(mc);
            Models.initialize(g, base, cfg.seed());
            Models.initialize(d, base, cfg.seed() + 1);
            Adam adamG = new Adam(g, base, (float) cfg.beta1(), (float) cfg.beta2());
            Adam adamD = new Adam(d, base, (float) cfg.beta1(), (float) cfg.beta2());
            GanStep step = new GanStep(g, d, cfg, LabelKind.MULTI);
            Random rng = new Random(cfg.seed());
            for (int i = 0; i < warmup + iterations; i++) {
                double[] r = iterate(base, step, adamD, adamG, batch, imageSize, domains, rng);
                if (i >= warmup) {
                    for (int k = 0; k < 6; k++) {
                        t[k][i - warmup] = r[k];
                    }
                }
            }
        }
        return new StepTimes(
                "ours",
                arch,
                imageSize,
                batch,
                dev.isGpu() ? "gpu" : "cpu",
                t[0],
                t[1],
                t[2],
                t[3],
                t[4],
                t[5],
                ProcStatus.peakRssMb());
    }

    /** Returns {D step, D Adam, G step, G Adam, D CPU, G CPU} seconds of one iteration. */
    private static double[] iterate(
            NDManager base,
            GanStep step,
            Adam adamD,
            Adam adamG,
            int n,
            int size,
            int domains,
            Random rng) {
        float[] pixels = new float[n * 3 * size * size];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = rng.nextFloat() * 2 - 1;
        }
        float[] labels = new float[n * domains];
        float[] targets = new float[n * domains];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = rng.nextBoolean() ? 1f : 0f;
            targets[k] = rng.nextBoolean() ? 1f : 0f;
        }
        float[] alpha = new float[n];
        for (int k = 0; k < n; k++) {
            alpha[k] = rng.nextFloat();
        }
        try (NDScope scope = new NDScope();
                NDManager m = base.newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray real = m.create(pixels, new Shape(n, 3, size, size));
            NDArray lab = m.create(labels, new Shape(n, domains));
            NDArray trg = m.create(targets, new Shape(n, domains));
            NDArray a = m.create(alpha, new Shape(n, 1, 1, 1));
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            step.discriminator(m, real, lab, trg, a);
            long t1 = System.nanoTime();
            adamD.update(1e-4f);
            sync(m);
            long t2 = System.nanoTime();
            long c2 = cpuNanos();
            step.generator(m, real, lab, trg);
            long t3 = System.nanoTime();
            adamG.update(1e-4f);
            sync(m);
            long t4 = System.nanoTime();
            long c4 = cpuNanos();
            return new double[] {
                (t2 - t0) / 1e9,
                (t2 - t1) / 1e9,
                (t4 - t2) / 1e9,
                (t4 - t3) / 1e9,
                (c2 - c0) / 1e9,
                (c4 - c2) / 1e9
            };
        }
    }

    /**
     * Waits for the device's queued work: a GPU runs kernels asynchronously, and the steps' loss
     * values (read by {@link GanStep}) wait only for the work before them, not for Adam's update.
     */
    private static void sync(NDManager m) {
        if (m.getDevice().isGpu()) {
            try (NDArray z = m.zeros(new Shape(1))) {
                z.getFloat(0);
            }
        }
    }

    /** Returns the CPU time of the whole process (all threads, native ones included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Returns the best rate of an N x N float32 matrix product in GFLOP/s (2 N^3 operations), the
     * practical ceiling the achieved rates are compared with.
     *
     * @param size N
     * @param repeats timed products (the best is kept)
     * @param threads intra-op threads
     * @return GFLOP/s
     */
    public static double matmulGflops(int size, int repeats, int threads) {
        Engines.configure(threads);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray a = m.randomNormal(new Shape(size, size));
            NDArray b = m.randomNormal(new Shape(size, size));
            a.matMul(b).close();
            double best = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                NDArray c = a.matMul(b);
                c.getFloat(0, 0); // forces completion
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                c.close();
            }
            return 2.0 * size * size * size / best / 1e9;
        }
    }
}
