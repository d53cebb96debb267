package io.github.dwgan.bench;

import io.github.dwgan.model.Architecture;
import io.github.dwgan.model.Discriminator;
import io.github.dwgan.model.Generator;
import io.github.dwgan.model.ModelConfig;
import io.github.dwgan.plot.FigureStyle;
import io.github.dwgan.plot.Figures;
import io.github.dwgan.train.TrainConfig;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/** Formats, saves and plots benchmark results: step times, ratios, FLOP rates and memory. */
public final class BenchReport {
    private BenchReport() {}

    /** Returns {D step, G step} FLOPs of one iteration of {@code arch} (see FlopCounter). */
    public static double[] flops(Architecture arch, int size, int batch) {
        TrainConfig cfg =
                TrainConfig.paper().toBuilder().architecture(arch).imageSize(size).build();
        ModelConfig mc = cfg.model(3, 5);
        Generator g = new Generator(mc);
        Discriminator d = new Discriminator(mc);
        return FlopCounter.iterationFlops(g, d, batch);
    }

    /**
     * Returns the table: one row per architecture and step with the median, min and max seconds of
     * ours and PyTorch, their ratio, Adam's share and the achieved GFLOP/s.
     *
     * @param rows the measured records of one size
     * @param peak the matmul ceiling in GFLOP/s
     * @return the formatted table
     */
    public static String table(List<StepTimes> rows, double peak) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-17s %-4s %-26s %-26s %6s %9s %11s %13s %9s%n",
                        "architecture",
                        "step",
                        "ours s (med [min-max])",
                        "PyTorch s (med [min-max])",
                        "ratio",
                        "CPU ratio",
                        "Adam o/p",
                        "GFLOP/s o/p",
                        "%peak o"));
        for (Line l : lines(rows)) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-17s %-4s %-26s %-26s %6.2f %9.2f %5.2f/%-5.2f %6.1f/%-6.1f"
                                    + " %8.0f%%%n",
                            l.arch.paperName(),
                            l.step,
                            range(l.ours),
                            range(l.torch),
                            l.ratio(),
                            StepTimes.median(l.oursCpu) / StepTimes.median(l.torchCpu),
                            StepTimes.median(l.oursAdam),
                            StepTimes.median(l.torchAdam),
                            l.flops / StepTimes.median(l.ours) / 1e9,
                            l.flops / StepTimes.median(l.torch) / 1e9,
                            100 * l.flops / StepTimes.median(l.ours) / 1e9 / peak));
        }
        return sb.toString();
    }

    /** The paper's reported training times on one GPU, in hours (DepthwiseGANs, section V). */
    static double paperHours(Architecture a) {
        return switch (a) {
            case STARGAN -> 72;
            case DEPTHWISE_G -> 36;
            case DEEPER_DEPTHWISE_G -> 48;
            case DEPTHWISE_DG -> 9;
        };
    }

    /**
     * Returns the table beside the paper's training times: seconds per training iteration with
     * StarGAN's schedule (a D step every iteration, a G step every {@code nCritic}-th), ours and
     * PyTorch's, and each architecture's speed-up over StarGAN next to the paper's.
     *
     * @param rows the measured records of one size
     * @param nCritic D steps per G step (StarGAN: 5)
     * @return the formatted table
     */
    public static String paperTable(List<StepTimes> rows, int nCritic) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-17s %11s %11s %13s %13s %11s %13s%n",
                        "architecture",
                        "ours s/it",
                        "PyTorch s/it",
                        "ours speed-up",
                        "PyT speed-up",
                        "paper time",
                        "paper speed-up"));
        StepTimes o0 = find(rows, Architecture.STARGAN, "ours");
        StepTimes p0 = find(rows, Architecture.STARGAN, "pytorch");
        for (Architecture a : Architecture.values()) {
            StepTimes o = find(rows, a, "ours");
            StepTimes p = find(rows, a, "pytorch");
            if (o == null || p == null) {
                continue;
            }
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-17s %11.2f %11.2f %12.2fx %12.2fx %10.0fh %12.2fx%n",
                            a.paperName(),
                            perIteration(o, nCritic),
                            perIteration(p, nCritic),
                            o0 == null
                                    ? Double.NaN
                                    : perIteration(o0, nCritic) / perIteration(o, nCritic),
                            p0 == null
                                    ? Double.NaN
                                    : perIteration(p0, nCritic) / perIteration(p, nCritic),
                            paperHours(a),
                            paperHours(Architecture.STARGAN) / paperHours(a)));
        }
        return sb.toString();
    }

    /** Returns median D step + median G step / nCritic, in seconds. */
    static double perIteration(StepTimes t, int nCritic) {
        return StepTimes.median(t.d()) + StepTimes.median(t.g()) / nCritic;
    }

    /**
     * Writes one CSV row per record, step and iteration statistics. The peak is the CPU's and goes
     * only on CPU rows (GPU rows get NaN).
     */
    public static void writeCsv(List<StepTimes> rows, double peak, Path csv) throws IOException {
        Files.createDirectories(csv.toAbsolutePath().getParent());
        List<String> out = new ArrayList<>();
        out.add(
                "impl,arch,image_size,batch,device,step,median_s,min_s,max_s,n,adam_median_s,"
                        + "cpu_median_s,gflop,gflops_per_s,peak_gflops,peak_rss_mb");
        for (StepTimes t : rows) {
            double[] f = flops(t.arch(), t.imageSize(), t.batch());
            for (int k = 0; k < 2; k++) {
                double[] v = k == 0 ? t.d() : t.g();
                double[] a = k == 0 ? t.dAdam() : t.gAdam();
                double[] c = k == 0 ? t.dCpu() : t.gCpu();
                out.add(
                        String.format(
                                Locale.ROOT,
                                "%s,%s,%d,%d,%s,%s,%.4f,%.4f,%.4f,%d,%.4f,%.4f,%.2f,%.2f,%.1f,%.0f",
                                t.impl(),
                                t.arch().paperName(),
                                t.imageSize(),
                                t.batch(),
                                t.device(),
                                k == 0 ? "D" : "G",
                                StepTimes.median(v),
                                StepTimes.min(v),
                                StepTimes.max(v),
                                v.length,
                                StepTimes.median(a),
                                StepTimes.median(c),
                                f[k] / 1e9,
                                f[k] / StepTimes.median(v) / 1e9,
                                "cpu".equals(t.device()) ? peak : Double.NaN,
                                t.peakRssMb()));
            }
        }
        Files.write(csv, out);
    }

    /** Plots median seconds per step, ours beside PyTorch, per architecture; saves PNG and SVG. */
    public static Path plotSteps(List<StepTimes> rows, String title, Path base) throws IOException {
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(FigureStyle.WIDTH)
                        .height(FigureStyle.HEIGHT)
                        .title(title)
                        .xAxisTitle("architecture")
                        .yAxisTitle("seconds per step (median)")
                        .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        // Below the plot, in one row: inside, the legend box hid the top of the tallest bar.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLegendBorderColor(Color.WHITE);
        List<Line> ls = lines(rows);
        Color[] colors = {
            new Color(0x00, 0x72, 0xB2),
            new Color(0x56, 0xB4, 0xE9),
            new Color(0xD5, 0x5E, 0x00),
            new Color(0xE6, 0x9F, 0x00)
        };
        String[] names = {"D ours", "D PyTorch", "G ours", "G PyTorch"};
        for (int s = 0; s < 4; s++) {
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            String step = s < 2 ? "D" : "G";
            for (Line l : ls) {
                if (l.step.equals(step)) {
                    x.add(l.arch.paperName());
                    y.add(StepTimes.median(s % 2 == 0 ? l.ours : l.torch));
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(names[s], x, y).setFillColor(colors[s]);
            }
        }
        return Figures.save(chart, base);
    }

    /** Writes the memory traces as CSV and a line chart; returns the PNG path. */
    public static Path writeMemory(List<MemoryRun.Trace> traces, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> csv = new ArrayList<>();
        csv.add("arch,iteration,rss_mb");
        XYChart chart =
                FigureStyle.lineChart("Resident memory, tiny config", "iteration", "RSS (MiB)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        for (MemoryRun.Trace t : traces) {
            double[] x = new double[t.iteration().length];
            for (int i = 0; i < x.length; i++) {
                x[i] = t.iteration()[i];
                csv.add(
                        String.format(
                                Locale.ROOT,
                                "%s,%d,%.1f",
                                t.arch().paperName(),
                                t.iteration()[i],
                                t.rssMb()[i]));
            }
            int[] its = t.iteration();
            String label =
                    its.length < 2
                            ? t.arch().paperName()
                            : String.format(
                                    Locale.ROOT,
                                    "%s: %+.1f MiB per 100 iterations (last 40%%)",
                                    t.arch().paperName(),
                                    t.growthPer100(its[its.length - 1] * 3 / 5));
            FigureStyle.addSeries(chart, t.arch(), label, x, t.rssMb());
        }
        Files.write(dir.resolve("memory.csv"), csv);
        return Figures.save(chart, dir.resolve("memory"));
    }

    private static String range(double[] v) {
        return String.format(
                Locale.ROOT,
                "%.2f [%.2f-%.2f]",
                StepTimes.median(v),
                StepTimes.min(v),
                StepTimes.max(v));
    }

    /** One architecture and step: our times beside PyTorch's. */
    private record Line(
            Architecture arch,
            String step,
            double[] ours,
            double[] torch,
            double[] oursAdam,
            double[] torchAdam,
            double[] oursCpu,
            double[] torchCpu,
            double flops) {
        double ratio() {
            return StepTimes.median(ours) / StepTimes.median(torch);
        }
    }

    private static List<Line> lines(List<StepTimes> rows) {
        List<Line> out = new ArrayList<>();
        for (Architecture a : Architecture.values()) {
            StepTimes o = find(rows, a, "ours");
            StepTimes p = find(rows, a, "pytorch");
            if (o == null || p == null) {
                continue;
            }
            double[] f = flops(a, o.imageSize(), o.batch());
            out.add(new Line(a, "D", o.d(), p.d(), o.dAdam(), p.dAdam(), o.dCpu(), p.dCpu(), f[0]));
            out.add(new Line(a, "G", o.g(), p.g(), o.gAdam(), p.gAdam(), o.gCpu(), p.gCpu(), f[1]));
        }
        return out;
    }

    private static StepTimes find(List<StepTimes> rows, Architecture a, String impl) {
        return rows.stream()
                .filter(r -> r.arch() == a && r.impl().equals(impl))
                .findFirst()
                .orElse(null);
    }
}
