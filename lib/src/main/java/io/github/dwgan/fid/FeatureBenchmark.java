package io.github.dwgan.fid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.dwgan.engine.Engines;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures FID Inception feature extraction in images per second on the CPU beside the same network
 * in PyTorch, and writes both with their ratio as CSV.
 *
 * <p>Usage: {@code FeatureBenchmark <work-dir> <results.csv>}, after {@code
 * bench/fid_pytorch_bench.py --work <work-dir>} (or {@code bench/fid_feature_benchmark.sh}, which
 * runs both). The Python script leaves in the work folder the full-width network with random
 * weights as a {@code .pth}, the images, PyTorch's features of them and its timings; this class
 * takes its settings (threads, batch, images, repeats) from those timings, so both sides run the
 * same work, and times the same two stages after a warm-up pass, keeping the fastest pass (in wall
 * time, and in process CPU time, which moves less with other jobs on a shared machine):
 *
 * <ul>
 *   <li>{@code end_to_end}: decoded images to 2048-d features through {@link
 *       InceptionFeatureExtractor#extract} (conversion to [0, 1], bilinear resize to 299, the
 *       network, features copied out);
 *   <li>{@code network}: the network alone on a ready N x 3 x 299 x 299 tensor in [-1, 1].
 * </ul>
 *
 * <p>It also compares its features with PyTorch's: the full-width network with the real file
 * format, which the unit tests cover only at 1/16 width.
 */
public final class FeatureBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureBenchmark.class);

    private static final String WEIGHTS = "fid_random_full.pth";
    private static final String HEADER =
            "implementation,version,stage,threads,batch,images,repeats,seconds_best,"
                    + "images_per_sec,cpu_seconds_per_image,ratio_to_pytorch,max_abs_diff,"
                    + "load_avg_1m";

    private FeatureBenchmark() {}

    /** Wall and process CPU seconds of the fastest pass. */
    private record Timing(double seconds, double cpuSeconds) {}

    /** The settings and timings of one PyTorch row. */
    private record Row(
            String version,
            String stage,
            int threads,
            int batch,
            int images,
            int repeats,
            double seconds,
            double cpuSeconds,
            double loadAverage) {

        static Row parse(String line) {
            String[] f = line.split(",");
            return new Row(
                    f[1],
                    f[2],
                    Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]),
                    Integer.parseInt(f[6]),
                    Double.parseDouble(f[7]),
                    Double.parseDouble(f[9]) * Integer.parseInt(f[5]),
                    Double.parseDouble(f[10]));
        }

        double imagesPerSecond() {
            return images / seconds;
        }
    }

    private interface Step<T> {
        void run(T batch);
    }

    /**
     * Runs the benchmark.
     *
     * @param args the work folder written by {@code bench/fid_pytorch_bench.py}, then the CSV path
     * @throws IOException when the work folder is incomplete or the CSV cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException(
                    "Usage: FeatureBenchmark <work-dir> <results.csv>"
                            + " (run bench/fid_pytorch_bench.py --work <work-dir> first)");
        }
        Path work = Path.of(args[0]);
        Path csv = Path.of(args[1]);
        Path pytorchCsv = work.resolve("pytorch.csv");
        if (!Files.isRegularFile(pytorchCsv)) {
            throw new IOException(
                    pytorchCsv
                            + " not found: run /usr/bin/python3 bench/fid_pytorch_bench.py"
                            + " --work "
                            + work
                            + " first");
        }
        Map<String, Row> pytorch = new HashMap<>();
        Files.readAllLines(pytorchCsv).stream()
                .skip(1)
                .map(Row::parse)
                .forEach(r -> pytorch.put(r.stage(), r));
        Row settings = pytorch.get("end_to_end");
        Engines.configure(settings.threads());
        String version =
                "djl "
                        + Engines.versions().get("djl")
                        + " / libtorch "
                        + Engines.versions().get("pytorch");

        List<List<BufferedImage>> groups = new ArrayList<>();
        for (int i = 0; i < settings.images(); i++) {
            if (i % settings.batch() == 0) {
                groups.add(new ArrayList<>());
            }
            Path f = work.resolve("images").resolve(String.format(Locale.ROOT, "%03d.png", i));
            groups.get(groups.size() - 1).add(Images.read(f));
        }

        List<String> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Row r :
                pytorch.values().stream()
                        .sorted((a, b) -> a.stage().compareTo(b.stage()))
                        .toList()) {
            rows.add(
                    row(
                            "pytorch",
                            r.version(),
                            r,
                            new Timing(r.seconds(), r.cpuSeconds()),
                            1,
                            "",
                            r.loadAverage()));
        }
        try (InceptionFeatureExtractor fid =
                InceptionFeatureExtractor.load(work.resolve(WEIGHTS))) {
            Timing t = timed(g -> fid.extract(g), groups, settings.repeats());
            double diff = maxAbsDiff(fid, groups, work.resolve("features.npz"));
            rows.add(endRow(version, settings, t, String.format(Locale.ROOT, "%.2e", diff)));
        }
        Row net = pytorch.get("network");
        rows.add(endRow(version, net, networkSeconds(work, groups, net), ""));

        if (csv.getParent() != null) {
            Files.createDirectories(csv.getParent());
        }
        Files.write(csv, rows);
        rows.forEach(r -> LOG.info("{}", r));
        LOG.info("Wrote {}", csv);
    }

    private static String endRow(String version, Row py, Timing t, String diff) {
        double ratio = (py.images() / t.seconds()) / py.imagesPerSecond();
        LOG.info(
                "{}: DJL {} images/s, PyTorch {} images/s, ratio {} ({} threads)",
                py.stage(),
                String.format("%.3f", py.images() / t.seconds()),
                String.format("%.3f", py.imagesPerSecond()),
                String.format("%.2f", ratio),
                py.threads());
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return row("djl", version, py, t, ratio, diff, load);
    }

    private static String row(
            String impl, String version, Row r, Timing t, double ratio, String diff, double la) {
        return String.format(
                Locale.ROOT,
                "%s,%s,%s,%d,%d,%d,%d,%.3f,%.3f,%.3f,%.2f,%s,%.2f",
                impl,
                version,
                r.stage(),
                r.threads(),
                r.batch(),
                r.images(),
                r.repeats(),
                t.seconds(),
                r.images() / t.seconds(),
                t.cpuSeconds() / r.images(),
                ratio,
                diff,
                la);
    }

    /**
     * Returns the fastest of {@code repeats} passes over all batches after a warm-up pass, in wall
     * time, and the smallest process CPU time (all threads, the JVM's included) of a pass.
     */
    private static <T> Timing timed(Step<T> step, List<T> batches, int repeats) {
        // A whole pass of warm-up: with one batch, the stage measured first in the JVM ran up to
        // 2x slower than the same stage measured second (allocator and JIT still settling).
        for (T b : batches) {
            step.run(b);
        }
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            for (T b : batches) {
                step.run(b);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            bestCpu = Math.min(bestCpu, (cpuNanos() - c0) / 1e9);
        }
        return new Timing(best, bestCpu);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Times the network alone, loaded as {@link InceptionFeatureExtractor} loads it. */
    private static Timing networkSeconds(Path work, List<List<BufferedImage>> groups, Row s)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            FidInception.Network net = FidInception.build(1);
            net.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, 299, 299));
            InceptionWeights.load(net, work.resolve(WEIGHTS));
            ParameterStore store = new ParameterStore(manager, false);
            List<NDArray> inputs = new ArrayList<>();
            for (List<BufferedImage> g : groups) {
                float[] chw = new float[g.size() * 3 * 299 * 299];
                for (int i = 0; i < g.size(); i++) {
                    float[] one = Images.toRgbChw(g.get(i));
                    System.arraycopy(one, 0, chw, i * one.length, one.length);
                }
                inputs.add(manager.create(chw, new Shape(g.size(), 3, 299, 299)).mul(2).sub(1));
            }
            return timed(
                    x -> {
                        try (NDManager step = manager.newSubManager()) {
                            NDArray in = x.duplicate();
                            in.attach(step);
                            net.block()
                                    .forward(store, new NDList(in), false)
                                    .singletonOrThrow()
                                    .toFloatArray();
                        }
                    },
                    inputs,
                    s.repeats());
        }
    }

    /** Returns the largest absolute difference between our features and PyTorch's. */
    private static double maxAbsDiff(
            InceptionFeatureExtractor fid, List<List<BufferedImage>> groups, Path npz)
            throws IOException {
        Npz.Array expected = Npz.read(npz).get("features");
        int d = fid.dimension();
        double diff = 0;
        double scale = 0;
        int row = 0;
        for (List<BufferedImage> g : groups) {
            for (double[] f : fid.extract(g)) {
                for (int j = 0; j < d; j++) {
                    double e = expected.data()[row * d + j];
                    diff = Math.max(diff, Math.abs(f[j] - e));
                    scale = Math.max(scale, Math.abs(e));
                }
                row++;
            }
        }
        LOG.info(
                "Features of {} images {}: max abs diff {} (largest feature {})",
                row,
                Arrays.toString(expected.shape()),
                diff,
                scale);
        return diff;
    }
}
