package io.github.dwgan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dwgan.model.Architecture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the measurements as child processes: our step in a fresh JVM ({@link BenchWorker}) and the
 * PyTorch reference script, alternating per architecture (and swapping which goes first) so that
 * both see the same load on a shared machine. Both inherit this process's environment, so both run
 * on the native allocator {@code ./dwgan} preloads (tcmalloc when installed): the comparison is of
 * the engines, not of their allocators ({@code DWGAN_MALLOC=glibc} times both on glibc's malloc).
 */
public final class BenchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BenchRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** JVM heap options of the timed children. */
    private static final List<String> HEAP_STEPS = List.of("-Xmx8g");

    /**
     * JVM heap options of the memory child: a fixed heap, committed and touched at start, so that
     * the RSS trend shows native (libtorch) memory and not the Java heap growing to its limit.
     */
    private static final List<String> HEAP_MEMORY =
            List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch");

    private final String python;
    private final Path script;
    private final int threads;
    private final long timeoutSeconds;

    /**
     * Creates the runner.
     *
     * @param python the interpreter with torch (Debian's {@code /usr/bin/python3})
     * @param script the reference script ({@code bench/pytorch_reference.py})
     * @param threads intra-op threads for both implementations
     * @param timeoutSeconds limit for one child process
     */
    public BenchRunner(String python, Path script, int threads, long timeoutSeconds) {
        this.python = python;
        this.script = script;
        this.threads = threads;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Times every architecture at one size, ours and PyTorch's alternately.
     *
     * @param archs the architectures
     * @param size image size
     * @param batch batch size
     * @param warmup untimed iterations per run
     * @param iterations timed iterations per run
     * @param repeats runs (processes) per implementation and architecture, alternating ours and
     *     PyTorch's; their iterations are joined ({@link StepTimes#merge})
     * @param subpixel whether to also time PyTorch with our sub-pixel transposed convolution
     * @param gpu whether both run on the GPU (ours through DJL's CUDA build, PyTorch on cuda:0)
     * @return the records, in the order measured
     * @throws IOException when a child process fails
     */
    public List<StepTimes> steps(
            List<Architecture> archs,
            int size,
            int batch,
            int warmup,
            int iterations,
            int repeats,
            boolean subpixel,
            boolean gpu)
            throws IOException {
        String dev = gpu ? "gpu" : "cpu";
        List<StepTimes> out = new ArrayList<>();
        for (int i = 0; i < archs.size(); i++) {
            Architecture a = archs.get(i);
            List<String> ours =
                    java(
                            HEAP_STEPS,
                            "steps",
                            a.name(),
                            size,
                            batch,
                            warmup,
                            iterations,
                            threads,
                            dev);
            List<String> torch = pytorch(a, size, batch, warmup, iterations, "native", gpu);
            List<StepTimes> oursRuns = new ArrayList<>();
            List<StepTimes> torchRuns = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                // Who goes first alternates between architectures and between repeats.
                boolean oursFirst = (i + r) % 2 == 0;
                for (List<String> cmd : oursFirst ? List.of(ours, torch) : List.of(torch, ours)) {
                    StepTimes t = StepTimes.fromJson(run(cmd));
                    (cmd == ours ? oursRuns : torchRuns).add(t);
                    LOG.info("{}", summary(t));
                }
            }
            out.add(StepTimes.merge(oursRuns));
            out.add(StepTimes.merge(torchRuns));
            if (subpixel) {
                String line = run(pytorch(a, size, batch, warmup, iterations, "subpixel", gpu));
                StepTimes s =
                        StepTimes.fromJson(line.replace("\"pytorch\"", "\"pytorch-subpixel\""));
                out.add(s);
                LOG.info("{}", summary(s));
            }
        }
        return out;
    }

    /**
     * Measures the matrix-product ceiling in both engines.
     *
     * @param n matrix size
     * @return {ours, PyTorch} GFLOP/s
     * @throws IOException when a child process fails
     */
    public double[] matmul(int n) throws IOException {
        JsonNode ours = JSON.readTree(run(java(HEAP_STEPS, "matmul", n, threads)));
        JsonNode torch =
                JSON.readTree(
                        run(
                                List.of(
                                        python,
                                        script.toString(),
                                        "--matmul",
                                        Integer.toString(n),
                                        "--threads",
                                        Integer.toString(threads))));
        return new double[] {
            ours.get("matmul_gflops").asDouble(), torch.get("matmul_gflops").asDouble()
        };
    }

    /**
     * Runs the trainer on a tiny configuration and returns its RSS trace.
     *
     * @param arch the architecture
     * @param iterations iterations
     * @param every iterations between readings
     * @param outDir the trainer's output folder
     * @return the trace
     * @throws IOException when the child process fails
     */
    public MemoryRun.Trace memory(Architecture arch, int iterations, int every, Path outDir)
            throws IOException {
        JsonNode o =
                JSON.readTree(
                        run(java(HEAP_MEMORY, "memory", arch.name(), iterations, every, outDir)));
        int[] its = JSON.treeToValue(o.get("iteration"), int[].class);
        double[] rss = JSON.treeToValue(o.get("rss_mb"), double[].class);
        return new MemoryRun.Trace(arch, its, rss);
    }

    private List<String> java(List<String> heap, Object... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(heap);
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchWorker.class.getName());
        for (Object a : args) {
            cmd.add(String.valueOf(a));
        }
        return cmd;
    }

    private List<String> pytorch(
            Architecture a,
            int size,
            int batch,
            int warmup,
            int iterations,
            String upsample,
            boolean gpu) {
        return List.of(
                python,
                script.toString(),
                "--arch",
                a.paperName(),
                "--image-size",
                Integer.toString(size),
                "--batch",
                Integer.toString(batch),
                "--warmup",
                Integer.toString(warmup),
                "--iterations",
                Integer.toString(iterations),
                "--threads",
                Integer.toString(threads),
                "--upsample",
                upsample,
                "--device",
                gpu ? "cuda" : "cpu");
    }

    /** Returns the command for messages, with the long class path elided. */
    private static String describe(List<String> cmd) {
        List<String> c = new ArrayList<>(cmd);
        int cp = c.indexOf("-cp");
        if (cp >= 0 && cp + 1 < c.size()) {
            c.set(cp + 1, "<class path>");
        }
        return String.join(" ", c);
    }

    /** Runs a child process and returns its result line (the last JSON object it printed). */
    private String run(List<String> cmd) throws IOException {
        LOG.debug("running {}", cmd);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String result = null;
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String s =
                        line.startsWith(BenchWorker.MARKER)
                                ? line.substring(BenchWorker.MARKER.length())
                                : line;
                if (s.startsWith("{")) {
                    result = s;
                }
            }
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("Timed out after " + timeoutSeconds + " s: " + describe(cmd));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + describe(cmd), e);
        }
        if (p.exitValue() != 0 || result == null) {
            throw new IOException(
                    "Exit " + p.exitValue() + " without a result (see above): " + describe(cmd));
        }
        return result;
    }

    private static String summary(StepTimes t) {
        return String.format(
                java.util.Locale.ROOT,
                "%-16s %-17s %3d px x%-2d %s D %.2f s (Adam %.2f)  G %.2f s (Adam %.2f)  peak %.0f"
                        + " MiB",
                t.impl(),
                t.arch().paperName(),
                t.imageSize(),
                t.batch(),
                t.device(),
                StepTimes.median(t.d()),
                StepTimes.median(t.dAdam()),
                StepTimes.median(t.g()),
                StepTimes.median(t.gAdam()),
                t.peakRssMb());
    }
}
