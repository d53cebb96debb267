package io.github.dwgan.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dwgan.bench.BenchReport;
import io.github.dwgan.bench.BenchRunner;
import io.github.dwgan.bench.MemoryRun;
import io.github.dwgan.bench.StepTimes;
import io.github.dwgan.engine.Engines;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.train.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the four architectures' training steps against the PyTorch reference script, measures the
 * machine's matmul ceiling and the memory trend over a long tiny run.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Times D and G steps of the four architectures, ours vs PyTorch (alternating, one"
                    + " child process each), with GFLOP/s against a matmul ceiling, peak memory,"
                    + " and RSS over a long tiny run. Writes results/bench/*.csv and figures."
        })
public final class BenchCommand implements Callable<Integer> {
    @Option(
            names = "--sizes",
            split = ",",
            defaultValue = "64x16,128x4",
            description = "Image size x batch, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> sizes;

    @Option(
            names = "--archs",
            split = ",",
            defaultValue = "StarGAN,DepthwiseG,DepthwiseDG,DeeperDepthwiseG",
            description = "Architectures (default: all four).")
    List<String> archs;

    @Option(
            names = "--gpu-sizes",
            split = ",",
            defaultValue = "128x16",
            description =
                    "Sizes timed on the GPU when DJL sees one (the CUDA build, mvn -Pcuda), with"
                        + " PyTorch on cuda:0; the paper's setting (default: ${DEFAULT-VALUE}).")
    List<String> gpuSizes;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed iterations per run.")
    int warmup;

    @Option(names = "--iterations", defaultValue = "5", description = "Timed iterations per run.")
    int iterations;

    @Option(
            names = "--repeats",
            defaultValue = "1",
            description =
                    "Runs (fresh processes) per implementation and architecture, alternating;"
                            + " their timed iterations are pooled (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", defaultValue = "2", description = "Threads for both engines.")
    int threads;

    @Option(
            names = "--memory-iterations",
            defaultValue = "500",
            description = "Iterations of the tiny memory run (0 skips it).")
    int memoryIterations;

    @Option(names = "--matmul", defaultValue = "2048", description = "Matmul size for the peak.")
    int matmul;

    @Option(
            names = "--subpixel",
            description = "Also time PyTorch with our sub-pixel transposed convolution.")
    boolean subpixel;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python.")
    String python;

    @Option(
            names = "--script",
            defaultValue = "bench/pytorch_reference.py",
            description = "The PyTorch reference script.")
    Path script;

    @Option(
            names = "--replot",
            description =
                    "Measure nothing: rebuild the tables, CSVs and figures in --out from its"
                            + " raw.jsonl and peak.csv (a finished run's).")
    boolean replot;

    @Option(names = "--out", defaultValue = "results/bench", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (replot) {
            return replot();
        }
        Files.createDirectories(out);
        BenchRunner runner = new BenchRunner(python, script, threads, 7200);
        // The children inherit this process's LD_PRELOAD: both engines run on one allocator.
        System.out.printf(
                Locale.ROOT, "Native allocator (both engines): %s%n", Engines.allocator());
        double[] peak = runner.matmul(matmul);
        System.out.printf(
                Locale.ROOT,
                "Peak (best of 5 %dx%d float32 matmuls, %d threads): ours %.1f GFLOP/s,"
                        + " PyTorch %.1f GFLOP/s%n",
                matmul,
                matmul,
                threads,
                peak[0],
                peak[1]);
        Files.writeString(
                out.resolve("peak.csv"),
                String.format(
                        Locale.ROOT,
                        "impl,matmul_n,threads,gflops%nours,%d,%d,%.2f%npytorch,%d,%d,%.2f%n",
                        matmul,
                        threads,
                        peak[0],
                        matmul,
                        threads,
                        peak[1]));
        // Both engines run on the same cores: the better of the two is the machine's ceiling.
        double ceiling = Math.max(peak[0], peak[1]);
        List<Architecture> as = archs.stream().map(Architecture::parse).toList();
        if (memoryIterations > 0) {
            memory(runner, as); // first: short, and its result does not depend on the load
        }
        List<StepTimes> all = new ArrayList<>();
        List<String> runs = new ArrayList<>(sizes);
        int gpus = Engines.engine().getGpuCount();
        if (gpus > 0) {
            gpuSizes.forEach(s -> runs.add(s + "@gpu"));
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "No GPU visible to DJL (CPU natives or no CUDA driver): %s on the GPU not"
                            + " timed.%n",
                    gpuSizes);
        }
        for (String run : runs) {
            boolean gpu = run.endsWith("@gpu");
            String[] p = run.replace("@gpu", "").toLowerCase(Locale.ROOT).split("x");
            int size = Integer.parseInt(p[0]);
            int batch = Integer.parseInt(p[1]);
            List<StepTimes> rows =
                    runner.steps(as, size, batch, warmup, iterations, repeats, subpixel, gpu);
            all.addAll(rows);
            report(rows, ceiling);
        }
        BenchReport.writeCsv(all, ceiling, out.resolve("steps.csv"));
        Files.write(out.resolve("raw.jsonl"), all.stream().map(StepTimes::toJson).toList());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("sizes", sizes);
        options.put("gpuSizes", gpus > 0 ? gpuSizes : List.of());
        options.put("archs", archs);
        options.put("warmup", warmup);
        options.put("iterations", iterations);
        options.put("repeats", repeats);
        options.put("threads", threads);
        options.put("allocator", Engines.allocator());
        options.put("matmulGflops", Map.of("ours", peak[0], "pytorch", peak[1]));
        Provenance.write(
                Provenance.of(options, Device.cpu(), "bench"), out.resolve("provenance.json"));
        return 0;
    }

    /** Prints and writes the table, CSV and figure of one size's rows (one device). */
    private void report(List<StepTimes> rows, double ceiling) throws IOException {
        StepTimes first = rows.get(0);
        boolean gpu = !"cpu".equals(first.device());
        int size = first.imageSize();
        int batch = first.batch();
        // The matmul ceiling is the CPU's; no GPU peak is measured.
        double rowPeak = gpu ? Double.NaN : ceiling;
        System.out.printf(
                Locale.ROOT,
                "%n%d x %d px, batch %d, %s, %d timed iterations in all, %d warm-up per run%n",
                size,
                size,
                batch,
                gpu ? "GPU" : threads + " CPU threads",
                first.d().length,
                warmup);
        System.out.print(BenchReport.table(rows, rowPeak));
        System.out.printf(
                Locale.ROOT, "%nPer training iteration (D step + G step / 5), vs the paper%n");
        System.out.print(BenchReport.paperTable(rows, 5));
        String tag = size + "px-b" + batch + (gpu ? "-gpu" : "");
        BenchReport.writeCsv(rows, rowPeak, out.resolve("steps-" + tag + ".csv"));
        String title = "Training step, " + size + " px, batch " + batch + (gpu ? ", GPU" : ", CPU");
        Path png = BenchReport.plotSteps(rows, title, out.resolve("steps-" + tag));
        System.out.println("wrote " + png);
    }

    /** Rebuilds the reports of a finished run from its raw timings and matmul peak. */
    private int replot() throws IOException {
        Path raw = out.resolve("raw.jsonl");
        Path peakCsv = out.resolve("peak.csv");
        if (!Files.isRegularFile(raw) || !Files.isRegularFile(peakCsv)) {
            throw new IOException(
                    "--replot needs "
                            + raw
                            + " and "
                            + peakCsv
                            + " from a finished ./dwgan bench run; point --out at its folder.");
        }
        List<StepTimes> all = new ArrayList<>();
        for (String line : Files.readAllLines(raw)) {
            if (!line.isBlank()) {
                all.add(StepTimes.fromJson(line));
            }
        }
        double ceiling = Double.NaN; // the better engine's matmul rate (last column)
        List<String> peakRows = Files.readAllLines(peakCsv);
        for (String line : peakRows.subList(Math.min(1, peakRows.size()), peakRows.size())) {
            if (line.isBlank()) {
                continue;
            }
            try {
                double g = Double.parseDouble(line.substring(line.lastIndexOf(',') + 1).trim());
                ceiling = Double.isNaN(ceiling) ? g : Math.max(ceiling, g);
            } catch (NumberFormatException e) {
                throw new IOException(peakCsv + ": not a GFLOP/s value in row '" + line + "'", e);
            }
        }
        Path prov = out.resolve("provenance.json");
        if (Files.isRegularFile(prov)) { // the run's warm-up count, for the table headers
            warmup =
                    new ObjectMapper()
                            .readTree(prov.toFile())
                            .path("config")
                            .path("warmup")
                            .asInt(warmup);
        }
        // One report per (size, batch, device), in the order the run measured them.
        Map<String, List<StepTimes>> groups = new LinkedHashMap<>();
        for (StepTimes t : all) {
            String key = t.imageSize() + "x" + t.batch() + "@" + t.device();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        for (List<StepTimes> rows : groups.values()) {
            report(rows, ceiling);
        }
        BenchReport.writeCsv(all, ceiling, out.resolve("steps.csv"));
        return 0;
    }

    private void memory(BenchRunner runner, List<Architecture> as) throws Exception {
        List<MemoryRun.Trace> traces = new ArrayList<>();
        System.out.printf(
                Locale.ROOT, "%nRSS over %d tiny iterations (trainer loop)%n", memoryIterations);
        for (Architecture a : as) {
            MemoryRun.Trace t =
                    runner.memory(
                            a,
                            memoryIterations,
                            Math.max(1, memoryIterations / 25),
                            out.resolve("memory-runs"));
            traces.add(t);
            double[] r = t.rssMb();
            if (r.length < 2) {
                System.out.printf(
                        Locale.ROOT, "%-17s too few readings (diverged early)%n", a.paperName());
                continue;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-17s RSS %.0f -> %.0f MiB, growth per 100 iterations (least-squares):"
                            + " %.1f MiB overall, %.1f MiB over the last 40%%%n",
                    a.paperName(),
                    r[0],
                    r[r.length - 1],
                    t.growthPer100(),
                    t.growthPer100(memoryIterations * 3 / 5));
        }
        System.out.println("wrote " + BenchReport.writeMemory(traces, out));
    }
}
