package io.github.dwgan.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures DJL's PyTorch engine for offline use and picks the device.
 *
 * <p>The engine must be configured before its first use: thread counts are read once when the
 * native library loads. Offline mode is always on: the native and JNI jars come from Maven and
 * nothing is downloaded at run time.
 */
public final class Engines {
    private static final Logger LOG = LoggerFactory.getLogger(Engines.class);

    /** System property holding the intra-op thread count chosen by the user. */
    public static final String THREADS_PROPERTY = "dwgan.threads";

    /** What {@link #allocator()} reports for the C library's own malloc. */
    public static final String GLIBC = "glibc malloc";

    private static volatile boolean configured;

    private Engines() {}

    /** Where Debian-family systems install tcmalloc (as environment/allocator.sh looks). */
    private static final List<String> TCMALLOC_PATHS =
            List.of(
                    "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4",
                    "/usr/lib/aarch64-linux-gnu/libtcmalloc_minimal.so.4",
                    "/usr/lib64/libtcmalloc_minimal.so.4");

    /**
     * Sets offline mode and the thread counts, then loads the engine.
     *
     * <p>Thread count: {@code threads} when positive, else the {@value #THREADS_PROPERTY} system
     * property, else the number of cores. Note: at 32 px one thread beat two on the 2-core machines
     * here (0.14 s vs 0.18 s per iteration), so small runs should pass 1.
     *
     * @param threads intra-op threads, or 0 for the default
     * @return the loaded engine
     */
    public static synchronized Engine configure(int threads) {
        if (!configured) {
            System.setProperty("ai.djl.offline", "true");
            int n = threads > 0 ? threads : Integer.getInteger(THREADS_PROPERTY, 0);
            if (n <= 0) {
                n = Runtime.getRuntime().availableProcessors();
            }
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            configured = true;
            Engine engine = Engine.getEngine("PyTorch");
            LOG.debug("PyTorch {} with {} threads", engine.getVersion(), n);
            if (allocator().equals(GLIBC)) {
                String how =
                        TCMALLOC_PATHS.stream()
                                .filter(f -> Files.isRegularFile(Path.of(f)))
                                .findFirst()
                                .map(f -> "start through ./dwgan, or set LD_PRELOAD=" + f)
                                .orElse("install libtcmalloc-minimal4 and start through ./dwgan");
                LOG.info(
                        "Native allocator: glibc malloc. Training iterations ran 1.7-2.4x slower"
                                + " than under tcmalloc here (docs/bench.md): {}.",
                        how);
            }
            return engine;
        }
        return Engine.getEngine("PyTorch");
    }

    /** Loads the engine with the default thread count. */
    public static Engine engine() {
        return configure(0);
    }

    /**
     * Resolves a device name: {@code auto} takes the first GPU when one is visible and the CPU
     * otherwise; {@code cpu}, {@code gpu} and {@code gpu:N} force a choice.
     *
     * @param name the requested device
     * @return the device
     * @throws IllegalArgumentException for an unknown name or a GPU that is not present
     */
    public static Device device(String name) {
        Engine engine = engine();
        String n = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        int gpus = engine.getGpuCount();
        if (n.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        if (n.startsWith("gpu")) {
            int id = n.contains(":") ? Integer.parseInt(n.substring(n.indexOf(':') + 1)) : 0;
            if (id >= gpus) {
                throw new IllegalArgumentException(
                        "Device '"
                                + name
                                + "' requested but "
                                + gpus
                                + " GPU(s) are visible. Build with the CUDA profile"
                                + " (mvn -Pcuda) on a machine with a CUDA 12.4 driver, or use"
                                + " --device cpu.");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException(
                "Unknown device '" + name + "': use auto, cpu, gpu or gpu:N.");
    }

    /** Returns the engine and library versions for provenance records. */
    public static Map<String, String> versions() {
        Engine engine = engine();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("djl", Engine.getDjlVersion());
        v.put("engine", engine.getEngineName());
        v.put("pytorch", engine.getVersion());
        v.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "?"));
        v.put("gpus", Integer.toString(engine.getGpuCount()));
        v.put("java", System.getProperty("java.version"));
        v.put("allocator", allocator());
        return v;
    }

    /**
     * Returns the native memory allocator this process runs on: the path of a tcmalloc or jemalloc
     * library mapped into it (preloaded by {@code ./dwgan}, see {@code environment/allocator.sh}),
     * else {@value #GLIBC}.
     */
    public static String allocator() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(f -> f.contains("libtcmalloc") || f.contains("libjemalloc"))
                    .findFirst()
                    .orElse(GLIBC);
        } catch (IOException | UncheckedIOException e) {
            return "unknown (no /proc/self/maps)";
        }
    }
}
