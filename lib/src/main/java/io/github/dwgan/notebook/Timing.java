package io.github.dwgan.notebook;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.dwgan.engine.Engines;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.model.Discriminator;
import io.github.dwgan.model.Generator;
import io.github.dwgan.model.ModelConfig;
import io.github.dwgan.model.Models;
import io.github.dwgan.nn.Conv2dLayer;
import io.github.dwgan.nn.DepthwiseSeparableConv2d;
import io.github.dwgan.nn.Init;
import io.github.dwgan.plot.FigureStyle;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Measures wall time of forward and backward passes: whole models per architecture, and single
 * depthwise separable layers against the standard layers they replace. Each figure is the median of
 * {@code repeats} runs after one warm-up run.
 *
 * <p>Note: times on a shared CPU vary by tens of percent from run to run; compare architectures
 * measured in the same session.
 */
public final class Timing {
    private Timing() {}

    /**
     * Times forward and forward-plus-backward passes of each architecture's generator and
     * discriminator on one batch of random images.
     *
     * @param configs one model configuration per architecture
     * @param archs the architectures, in the same order
     * @param batch images per batch
     * @param repeats timed runs per figure
     * @param threads intra-op CPU threads (0: one per core)
     * @return columns model, G_forward_ms, G_forward_backward_ms, D_forward_ms,
     *     D_forward_backward_ms
     */
    public static Table models(
            List<ModelConfig> configs,
            List<Architecture> archs,
            int batch,
            int repeats,
            int threads) {
        Engines.configure(threads);
        StringColumn name = StringColumn.create("model");
        DoubleColumn gf = DoubleColumn.create("G_forward_ms");
        DoubleColumn gfb = DoubleColumn.create("G_forward_backward_ms");
        DoubleColumn df = DoubleColumn.create("D_forward_ms");
        DoubleColumn dfb = DoubleColumn.create("D_forward_backward_ms");
        for (int i = 0; i < configs.size(); i++) {
            ModelConfig c = configs.get(i);
            try (NDManager m = NDManager.newBaseManager()) {
                Generator g = new Generator(c);
                Discriminator d = new Discriminator(c);
                Models.initialize(g, m, 1);
                Models.initialize(d, m, 2);
                int s = c.imageSize();
                NDArray x = m.randomUniform(-1, 1, new Shape(batch, c.channels(), s, s));
                NDArray label = m.zeros(new Shape(batch, c.numDomains()));
                NDList gIn = new NDList(x, label);
                NDList dIn = new NDList(x);
                name.append(archs.get(i).paperName());
                gf.append(median(repeats, () -> forward(g, m, gIn, false)));
                gfb.append(median(repeats, () -> forward(g, m, gIn, true)));
                df.append(median(repeats, () -> forward(d, m, dIn, false)));
                dfb.append(median(repeats, () -> forward(d, m, dIn, true)));
            }
        }
        return Table.create("forward and backward time", name, gf, gfb, df, dfb);
    }

    /**
     * Times each depthwise separable layer of a list against a standard convolution of the same
     * shape, forward only, on one image.
     *
     * @param layers layers from {@link LayerTable#layers(ModelConfig)}
     * @param repeats timed runs per figure
     * @param threads intra-op CPU threads (0: one per core)
     * @return columns model, layer, standard_ms, separable_ms, ratio_measured
     */
    public static Table separableLayers(List<LayerTable.Layer> layers, int repeats, int threads) {
        Engines.configure(threads);
        StringColumn model = StringColumn.create("model");
        IntColumn index = IntColumn.create("layer");
        DoubleColumn std = DoubleColumn.create("standard_ms");
        DoubleColumn sep = DoubleColumn.create("separable_ms");
        DoubleColumn ratio = DoubleColumn.create("ratio_measured");
        for (LayerTable.Layer l : layers) {
            if (!l.separable()) {
                continue;
            }
            try (NDManager m = NDManager.newBaseManager()) {
                Shape in = new Shape(1, l.in().get(0), l.in().get(1), l.in().get(2));
                Block a =
                        new Conv2dLayer(
                                l.inChannels(),
                                l.outChannels(),
                                l.kernel(),
                                l.stride(),
                                l.padding(),
                                1,
                                false);
                Block b =
                        new DepthwiseSeparableConv2d(
                                l.inChannels(),
                                l.outChannels(),
                                l.kernel(),
                                l.stride(),
                                l.padding(),
                                false);
                a.initialize(m, DataType.FLOAT32, in);
                b.initialize(m, DataType.FLOAT32, in);
                Init.pytorchDefaults(a, 1);
                Init.pytorchDefaults(b, 1);
                NDList x = new NDList(m.randomUniform(-1, 1, in));
                double ta = median(repeats, () -> forward(a, m, x, false));
                double tb = median(repeats, () -> forward(b, m, x, false));
                model.append(l.model());
                index.append(l.index());
                std.append(LayerTable.round(ta));
                sep.append(LayerTable.round(tb));
                ratio.append(LayerTable.round(tb / ta));
            }
        }
        return Table.create("separable layer time", model, index, std, sep, ratio);
    }

    /**
     * Draws forward-plus-backward times of a {@link #models} table as grouped bars: generator and
     * discriminator per architecture.
     */
    public static CategoryChart chart(Table times, String title) {
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(FigureStyle.WIDTH)
                        .height(FigureStyle.HEIGHT)
                        .title(title)
                        .xAxisTitle("architecture")
                        .yAxisTitle("ms per batch")
                        .build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        List<String> names = times.stringColumn("model").asList();
        chart.addSeries(
                "G forward+backward",
                names,
                Arrays.stream(times.doubleColumn("G_forward_backward_ms").asDoubleArray())
                        .boxed()
                        .toList());
        chart.addSeries(
                "D forward+backward",
                names,
                Arrays.stream(times.doubleColumn("D_forward_backward_ms").asDoubleArray())
                        .boxed()
                        .toList());
        return chart;
    }

    /** Runs one pass and returns its wall time in milliseconds. */
    private static double forward(Block block, NDManager parent, NDList in, boolean backward) {
        try (NDManager m = parent.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            long t0 = System.nanoTime();
            if (backward) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDList out = block.forward(ps, in, true);
                    NDArray loss = out.get(0).mean();
                    for (int i = 1; i < out.size(); i++) {
                        loss = loss.add(out.get(i).mean());
                    }
                    gc.backward(loss);
                }
            } else {
                NDList out = block.forward(ps, in, true);
                out.get(0).toFloatArray();
            }
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static double median(int repeats, Supplier<Double> run) {
        run.get();
        double[] t = new double[Math.max(1, repeats)];
        for (int i = 0; i < t.length; i++) {
            t[i] = run.get();
        }
        Arrays.sort(t);
        int n = t.length;
        return Math.round((n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2) * 100) / 100.0;
    }
}
