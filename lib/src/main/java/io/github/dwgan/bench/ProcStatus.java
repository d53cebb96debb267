package io.github.dwgan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's memory figures from {@code /proc/self/status} (Linux). */
public final class ProcStatus {
    private ProcStatus() {}

    /** Returns the peak resident set size (VmHWM) in MiB, or NaN where /proc is absent. */
    public static double peakRssMb() {
        return field("VmHWM:");
    }

    /** Returns the current resident set size (VmRSS) in MiB, or NaN where /proc is absent. */
    public static double rssMb() {
        return field("VmRSS:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    String kb = line.substring(name.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
