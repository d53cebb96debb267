package io.github.dwgan.train;

import java.io.IOException;
import java.nio.file.Path;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Reads a run's {@code metrics.csv} into a Tablesaw table and extracts series. */
public final class RunMetrics {
    private final Table table;

    private RunMetrics(Table table) {
        this.table = table;
    }

    /** Reads the metrics of the run folder {@code runDir}. */
    public static RunMetrics read(Path runDir) throws IOException {
        Path f = runDir.resolve("metrics.csv");
        CsvReadOptions opts =
                CsvReadOptions.builder(f.toFile())
                        .columnTypes(
                                new ColumnType[] {
                                    ColumnType.INTEGER,
                                    ColumnType.DOUBLE,
                                    ColumnType.STRING,
                                    ColumnType.DOUBLE
                                })
                        .build();
        return new RunMetrics(Table.read().usingOptions(opts));
    }

    /** Returns the long-format table: iteration, seconds, metric, value. */
    public Table table() {
        return table;
    }

    /** Returns the rows of one metric, ordered by iteration. */
    public Table series(String metric) {
        return table.where(table.stringColumn("metric").isEqualTo(metric))
                .sortAscendingOn("iteration");
    }

    /** Returns the iterations at which {@code metric} was logged. */
    public double[] iterations(String metric) {
        return series(metric).intColumn("iteration").asDoubleArray();
    }

    /** Returns the values of {@code metric}. */
    public double[] values(String metric) {
        return series(metric).doubleColumn("value").asDoubleArray();
    }

    /** Returns the last iteration with any logged value, or 0. */
    public int lastIteration() {
        int last = 0;
        for (int i : table.intColumn("iteration")) {
            last = Math.max(last, i);
        }
        return last;
    }

    /**
     * Returns the training seconds summed over every session of the run. The {@code seconds} column
     * restarts from zero when a run is resumed; each session contributes its last value.
     */
    public double trainingSeconds() {
        double total = 0;
        double segment = 0;
        double previous = -1;
        for (Row r : table.sortAscendingOn("iteration")) {
            double s = r.getDouble("seconds");
            if (s < previous) {
                total += segment;
            }
            segment = s;
            previous = s;
        }
        return total + segment;
    }

    /** Returns the last logged value of {@code metric}, or NaN. */
    public double last(String metric) {
        double[] v = values(metric);
        return v.length == 0 ? Double.NaN : v[v.length - 1];
    }
}
