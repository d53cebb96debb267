package io.github.dwgan.train;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dwgan.engine.Engines;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Records where a result came from: config, seed, versions, git commit, device and host. */
public final class Provenance {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Provenance() {}

    /** Returns this library's version, from the jar manifest or the build's resource. */
    public static String libraryVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (var in = Provenance.class.getResourceAsStream("/dwgan-version.txt")) {
            return in == null
                    ? "unknown"
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Returns the git commit of the working directory, with "+dirty" when it has changes. */
    public static String gitCommit() {
        try {
            String head = run("git", "rev-parse", "HEAD");
            if (head.isEmpty()) {
                return "unknown";
            }
            String status = run("git", "status", "--porcelain", "--untracked-files=no");
            return status.isEmpty() ? head : head + "+dirty";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return "";
        }
        return out;
    }

    /**
     * Returns the provenance record of a run.
     *
     * @param config the run's settings (with its seed)
     * @param device the device used
     * @param event what started this session ("start" or "resume at N")
     * @return an ordered map ready to be written as JSON
     */
    public static Map<String, Object> of(Object config, Device device, String event) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("event", event);
        p.put("time", Instant.now().toString());
        p.put("library", "dwgan-lib " + libraryVersion());
        p.put("gitCommit", gitCommit());
        p.put("device", device.toString());
        p.put("versions", Engines.versions());
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        try {
            p.put("host", InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            p.put("host", "unknown");
        }
        p.put("config", config);
        return p;
    }

    /** Writes a record as indented JSON. */
    public static void write(Map<String, Object> record, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), record);
    }
}
