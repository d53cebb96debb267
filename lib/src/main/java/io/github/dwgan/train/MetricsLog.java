package io.github.dwgan.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Appends every logged value of a run to {@code metrics.csv} in long format: {@code
 * iteration,seconds,metric,value}, one row per value, flushed at once, so that a crash loses
 * nothing already logged and any new metric (FID, KID) needs no new column.
 */
public final class MetricsLog implements AutoCloseable {
    /** The CSV header. */
    public static final String HEADER = "iteration,seconds,metric,value";

    private final BufferedWriter out;

    /**
     * Opens the log, keeping only rows up to {@code keepThrough} from an earlier session (rows
     * logged after the checkpoint being resumed from would otherwise appear twice).
     *
     * @param file the CSV file
     * @param keepThrough last iteration whose rows are kept; 0 starts a new file
     * @throws IOException when the file cannot be written
     */
    public MetricsLog(Path file, int keepThrough) throws IOException {
        List<String> kept = new ArrayList<>();
        if (keepThrough > 0 && Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.equals(HEADER) || line.isBlank()) {
                    continue;
                }
                if (Integer.parseInt(line.substring(0, line.indexOf(','))) <= keepThrough) {
                    kept.add(line);
                }
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        kept.add(0, HEADER);
        Files.write(tmp, kept, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * Appends the values logged at one iteration.
     *
     * @param iteration the iteration (1-based)
     * @param seconds training seconds since the run started
     * @param values metric name to value
     * @throws IOException when writing fails
     */
    public synchronized void append(int iteration, double seconds, Map<String, Double> values)
            throws IOException {
        for (var e : values.entrySet()) {
            out.write(
                    String.format(
                            Locale.ROOT,
                            "%d,%.3f,%s,%.8g%n",
                            iteration,
                            seconds,
                            e.getKey(),
                            e.getValue()));
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
