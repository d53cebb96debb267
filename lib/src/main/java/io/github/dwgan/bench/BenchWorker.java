package io.github.dwgan.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dwgan.model.Architecture;
import java.nio.file.Path;

/**
 * Runs one measurement in its own JVM, so that each architecture's peak memory and warm-up are its
 * own, and prints the result as one JSON line after the marker {@value #MARKER}.
 *
 * <p>Arguments: {@code steps ARCH SIZE BATCH WARMUP ITERATIONS THREADS DEVICE}, {@code matmul N
 * THREADS} or {@code memory ARCH ITERATIONS EVERY OUTDIR}.
 */
public final class BenchWorker {
    /** Prefix of the result line on standard output. */
    public static final String MARKER = "BENCH ";

    private BenchWorker() {}

    /**
     * Runs the measurement named by the first argument.
     *
     * @param args the arguments (see the class comment)
     * @throws Exception when the measurement fails
     */
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String out =
                switch (args[0]) {
                    case "steps" ->
                            OurSteps.run(
                                            Architecture.parse(args[1]),
                                            Integer.parseInt(args[2]),
                                            Integer.parseInt(args[3]),
                                            Integer.parseInt(args[4]),
                                            Integer.parseInt(args[5]),
                                            Integer.parseInt(args[6]),
                                            args[7])
                                    .toJson();
                    case "matmul" -> {
                        ObjectNode o = json.createObjectNode();
                        o.put("impl", "ours");
                        o.put(
                                "matmul_gflops",
                                OurSteps.matmulGflops(
                                        Integer.parseInt(args[1]), 5, Integer.parseInt(args[2])));
                        yield o.toString();
                    }
                    case "memory" -> {
                        MemoryRun.Trace t =
                                MemoryRun.run(
                                        Architecture.parse(args[1]),
                                        Integer.parseInt(args[2]),
                                        Integer.parseInt(args[3]),
                                        Path.of(args[4]));
                        ObjectNode o = json.createObjectNode();
                        o.put("arch", t.arch().paperName());
                        o.set("iteration", json.valueToTree(t.iteration()));
                        o.set("rss_mb", json.valueToTree(t.rssMb()));
                        yield o.toString();
                    }
                    default -> throw new IllegalArgumentException("Unknown mode " + args[0]);
                };
        System.out.println(MARKER + out);
        System.out.flush();
        // The engine's native threads can keep the JVM alive; the result is out.
        System.exit(0);
    }
}
