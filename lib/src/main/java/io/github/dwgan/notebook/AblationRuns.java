package io.github.dwgan.notebook;

import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.eval.GenerationMetrics;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.plot.FigureStyle;
import io.github.dwgan.train.Checkpoints;
import io.github.dwgan.train.PeriodicEvaluator;
import io.github.dwgan.train.RunMetrics;
import io.github.dwgan.train.TrainConfig;
import io.github.dwgan.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Gathers the ablation's runs, one per architecture under one budget: a finished run found in its
 * folder (trained here earlier or with {@code ./dwgan train}) is loaded, any other is trained or
 * resumed.
 */
public final class AblationRuns {
    private AblationRuns() {}

    /**
     * One architecture's run.
     *
     * @param architecture the architecture
     * @param config its settings
     * @param source "loaded" or "trained here"
     * @param metrics its metrics.csv
     * @param iterations iterations completed
     * @param trainingSeconds training wall time over all sessions
     * @param samples the latest sample grid
     */
    public record Run(
            Architecture architecture,
            TrainConfig config,
            String source,
            RunMetrics metrics,
            int iterations,
            double trainingSeconds,
            Path samples) {

        /** Returns the mean seconds per iteration. */
        public double secondsPerIteration() {
            return iterations == 0 ? Double.NaN : trainingSeconds / iterations;
        }
    }

    /**
     * Loads each finished run and trains (or resumes) the others.
     *
     * @param budget the budget: settings and run folders
     * @param archs the architectures
     * @param data the training images
     * @return one run per architecture, in order
     * @throws IOException when a run cannot be read or written
     */
    public static List<Run> loadOrTrain(Budget budget, List<Architecture> archs, DomainDataset data)
            throws IOException {
        List<Run> runs = new ArrayList<>();
        for (Architecture a : archs) {
            TrainConfig c = budget.config(a);
            Checkpoints ck =
                    new Checkpoints(c.runDir().resolve("checkpoints"), c.keepCheckpoints());
            var latest = ck.latest();
            boolean finished =
                    latest.isPresent() && Checkpoints.iterationOf(latest.get()) >= c.iterations();
            if (!finished) {
                try (Trainer t = new Trainer(c, data, true);
                        PeriodicEvaluator e =
                                c.fidEvery() > 0 ? GenerationMetrics.forRun(c) : null) {
                    t.setEvaluator(e);
                    t.run();
                }
            }
            runs.add(read(a, c, finished ? "loaded" : "trained here"));
        }
        return runs;
    }

    private static Run read(Architecture a, TrainConfig c, String source) throws IOException {
        RunMetrics m = RunMetrics.read(c.runDir());
        int last = m.lastIteration();
        double total = m.trainingSeconds();
        Path samples;
        try (var files = Files.list(c.runDir().resolve("samples"))) {
            samples =
                    files.filter(f -> f.toString().endsWith(".png"))
                            .sorted()
                            .reduce((x, y) -> y)
                            .orElse(null);
        }
        return new Run(a, c, source, m, last, total, samples);
    }

    /**
     * Returns the metric to plot against iterations: "FID" once runs log it, else the cycle
     * reconstruction loss, the clearest training curve until then.
     */
    public static String curveMetric(List<Run> runs) {
        for (String metric : List.of("FID", "FCD")) {
            for (Run r : runs) {
                if (r.metrics().iterations(metric).length > 0) {
                    return metric;
                }
            }
        }
        return "G/loss_rec";
    }

    /** Plots one metric against iterations, a line per architecture in its house colour. */
    public static XYChart curves(List<Run> runs, String metric, String title) {
        XYChart chart = FigureStyle.lineChart(title, "iteration", metric);
        for (Run r : runs) {
            double[] x = r.metrics().iterations(metric);
            if (x.length > 0) {
                FigureStyle.addSeries(
                        chart,
                        r.architecture(),
                        r.architecture().paperName(),
                        x,
                        r.metrics().values(metric));
            }
        }
        return chart;
    }

    /** Returns the latest sample grids side by side, titled by architecture. */
    public static BufferedImage samples(List<Run> runs) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (Run r : runs) {
            if (r.samples() != null) {
                images.add(ImageIO.read(r.samples().toFile()));
                titles.add(r.architecture().paperName() + " (" + r.iterations() + " it.)");
            }
        }
        return Montage.sideBySide(images, titles);
    }

    /**
     * Tabulates time per iteration and total training time. The paper's own times are not filled
     * in: see the notebook for where they go once quoted from the paper.
     *
     * <p>Note: training time is summed over sessions from {@code metrics.csv}, up to each session's
     * last logged iteration; time after it (at most {@code logEvery} iterations) is not counted.
     */
    public static Table times(List<Run> runs) {
        StringColumn model = StringColumn.create("model");
        StringColumn source = StringColumn.create("source");
        IntColumn iters = IntColumn.create("iterations");
        DoubleColumn spi = DoubleColumn.create("s_per_iteration");
        DoubleColumn total = DoubleColumn.create("total_hours");
        for (Run r : runs) {
            model.append(r.architecture().paperName());
            source.append(r.source());
            iters.append(r.iterations());
            spi.append(LayerTable.round(r.secondsPerIteration()));
            total.append(LayerTable.round(r.trainingSeconds() / 3600));
        }
        return Table.create("training time", model, source, iters, spi, total);
    }

    /** Returns "h:mm:ss" for a number of seconds. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
