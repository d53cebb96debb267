package io.github.dwgan.train;

import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.model.Discriminator;
import io.github.dwgan.model.Generator;
import io.github.dwgan.model.ModelConfig;
import io.github.dwgan.model.Models;
import io.github.dwgan.plot.FigureStyle;
import io.github.dwgan.plot.Figures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Trains several architectures under one budget and tabulates and plots the runs. */
public final class Ablation {
    private Ablation() {}

    /**
     * The outcome: one table row per architecture and the files written.
     *
     * @param table architecture, parameters, iterations, seconds per iteration, final losses
     * @param files the CSV and figure files
     */
    public record Summary(Table table, List<Path> files) {
        /** Returns the table as text followed by the file list. */
        public String text() {
            StringBuilder sb = new StringBuilder(table.printAll()).append('\n');
            files.forEach(f -> sb.append("wrote ").append(f).append('\n'));
            return sb.toString();
        }
    }

    /**
     * Trains each config in turn (resuming when asked), then summarises.
     *
     * @param configs one config per architecture
     * @param data the shared training set
     * @param resume whether runs continue from their checkpoints
     * @param results folder for the summary table and figures
     * @param label prefix of the summary files (the preset name)
     * @return the summary
     * @throws IOException when results cannot be written
     */
    public static Summary run(
            List<TrainConfig> configs,
            DomainDataset data,
            boolean resume,
            Path results,
            String label)
            throws IOException {
        return run(configs, data, resume, results, label, null);
    }

    /**
     * Trains each config in turn as {@link #run(List, DomainDataset, boolean, Path, String)},
     * scoring each run with an evaluator from {@code evaluators} when its {@code fidEvery} is set.
     */
    public static Summary run(
            List<TrainConfig> configs,
            DomainDataset data,
            boolean resume,
            Path results,
            String label,
            PeriodicEvaluator.Factory evaluators)
            throws IOException {
        List<TrainResult> runs = new ArrayList<>();
        for (TrainConfig c : configs) {
            try (Trainer t = new Trainer(c, data, resume);
                    PeriodicEvaluator e =
                            evaluators != null && c.fidEvery() > 0 ? evaluators.create(c) : null) {
                t.setEvaluator(e);
                runs.add(t.run());
            }
        }
        return summarise(configs, runs, data, results, label);
    }

    /** Tabulates finished runs and plots their reconstruction and adversarial losses. */
    public static Summary summarise(
            List<TrainConfig> configs,
            List<TrainResult> runs,
            DomainDataset data,
            Path results,
            String label)
            throws IOException {
        StringColumn arch = StringColumn.create("model");
        LongColumn gParams = LongColumn.create("G_params");
        LongColumn dParams = LongColumn.create("D_params");
        IntColumn iters = IntColumn.create("iterations");
        DoubleColumn spi = DoubleColumn.create("s_per_iteration");
        DoubleColumn rec = DoubleColumn.create("G_loss_rec");
        DoubleColumn cls = DoubleColumn.create("G_loss_cls");
        DoubleColumn quality = DoubleColumn.create("final_FCD_or_FID");
        DoubleColumn kid = DoubleColumn.create("final_KID");
        DoubleColumn acc = DoubleColumn.create("final_target_acc");
        String qualityName = "FCD";
        XYChart qualityChart =
                FigureStyle.lineChart("Image quality (" + label + ")", "iteration", "FCD");
        XYChart recChart =
                FigureStyle.lineChart(
                        "Cycle reconstruction loss (" + label + ")", "iteration", "G/loss_rec");
        for (int i = 0; i < configs.size(); i++) {
            TrainConfig c = configs.get(i);
            TrainResult r = runs.get(i);
            ModelConfig mc = c.model(data.channels(), data.labels().size());
            RunMetrics m = RunMetrics.read(r.runDir());
            Architecture a = c.architecture();
            arch.append(a.paperName());
            gParams.append(Models.countParameters(new Generator(mc)));
            dParams.append(Models.countParameters(new Discriminator(mc)));
            iters.append(r.iterations());
            // From the metrics, so that runs resumed or loaded finished count their whole time.
            spi.append(round(m.trainingSeconds() / Math.max(1, m.lastIteration())));
            rec.append(round(m.last("G/loss_rec")));
            cls.append(round(m.last("G/loss_cls")));
            String q = m.values("FID").length > 0 ? "FID" : "FCD";
            qualityName = q;
            quality.append(round(m.last(q)));
            kid.append(round(m.last("KID")));
            acc.append(round(m.last("target_acc")));
            if (m.values(q).length > 0) {
                FigureStyle.addSeries(qualityChart, a, a.paperName(), m.iterations(q), m.values(q));
            }
            if (m.iterations("G/loss_rec").length > 0) {
                FigureStyle.addSeries(
                        recChart,
                        a,
                        a.paperName(),
                        m.iterations("G/loss_rec"),
                        m.values("G/loss_rec"));
            }
        }
        Table t =
                Table.create(
                        label + " ablation",
                        arch,
                        gParams,
                        dParams,
                        iters,
                        spi,
                        quality,
                        kid,
                        acc,
                        rec,
                        cls);
        List<Path> files = new ArrayList<>();
        Path csv = results.resolve(label + "-ablation.csv");
        java.nio.file.Files.createDirectories(results);
        t.write().csv(csv.toFile());
        files.add(csv);
        files.add(Figures.save(recChart, results.resolve(label + "-loss-rec")));
        if (!qualityChart.getSeriesMap().isEmpty()) {
            qualityChart.setYAxisTitle(qualityName);
            files.add(
                    Figures.save(
                            qualityChart,
                            results.resolve(label + "-" + qualityName.toLowerCase(Locale.ROOT))));
        }
        return new Summary(t, files);
    }

    private static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.4g", v));
    }
}
