package io.github.dwgan.notebook;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.model.Discriminator;
import io.github.dwgan.model.Generator;
import io.github.dwgan.model.ModelConfig;
import io.github.dwgan.model.Models;
import io.github.dwgan.model.ResidualBlock;
import io.github.dwgan.nn.Conv2dLayer;
import io.github.dwgan.nn.ConvTranspose2d;
import io.github.dwgan.nn.DepthwiseSeparableConv2d;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Lists every convolution of a generator and discriminator with its parameters and
 * multiply-accumulates (MACs) for one image, and for each depthwise separable layer the reduction
 * against the standard layer it replaces: computed, 1/C_out + 1/K^2 (DepthwiseGANs, section III;
 * MobileNet, section 3.1), and counted from the two layers' MACs.
 */
public final class LayerTable {
    private LayerTable() {}

    /**
     * One convolution.
     *
     * @param model G or D
     * @param index position among the model's convolutions
     * @param type conv, separable, transposed or depthwise transposed
     * @param in input shape (C, H, W)
     * @param layer the layer
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernel kernel side
     * @param stride stride
     * @param padding padding
     */
    public record Layer(
            String model,
            int index,
            String type,
            Shape in,
            Block layer,
            int inChannels,
            int outChannels,
            int kernel,
            int stride,
            int padding) {

        /** Returns whether this is a depthwise separable convolution. */
        public boolean separable() {
            return layer instanceof DepthwiseSeparableConv2d;
        }

        /** Returns the multiply-accumulates for one image. */
        public long macs() {
            Shape s = new Shape(1, in.get(0), in.get(1), in.get(2));
            if (layer instanceof DepthwiseSeparableConv2d d) {
                return d.depthwise().macs(s)
                        + d.pointwise().macs(d.depthwise().getOutputShapes(new Shape[] {s})[0]);
            }
            if (layer instanceof ConvTranspose2d t) {
                return t.macs(s);
            }
            return ((Conv2dLayer) layer).macs(s);
        }

        /** Returns the MACs of a standard convolution of the same shape. */
        public long standardMacs() {
            if (!separable()) {
                return macs();
            }
            Conv2dLayer std =
                    new Conv2dLayer(inChannels, outChannels, kernel, stride, padding, 1, false);
            return std.macs(new Shape(1, in.get(0), in.get(1), in.get(2)));
        }
    }

    /** Returns the convolutions of a generator and a discriminator, in order. */
    public static List<Layer> layers(ModelConfig c) {
        List<Layer> out = new ArrayList<>();
        Shape g = new Shape(c.channels() + c.numDomains(), c.imageSize(), c.imageSize());
        walk("G", new Generator(c).trunk(), g, out);
        Discriminator d = new Discriminator(c);
        Shape h = walk("D", d.trunk(), new Shape(c.channels(), c.imageSize(), c.imageSize()), out);
        for (var child : d.getChildren()) {
            if (!child.getKey().endsWith("trunk")) {
                walk("D", child.getValue(), h, out);
            }
        }
        return out;
    }

    private static Shape walk(String model, Block b, Shape in, List<Layer> out) {
        if (b instanceof SequentialBlock || b instanceof ResidualBlock) {
            Shape s = in;
            for (var child : b.getChildren()) {
                s = walk(model, child.getValue(), s, out);
            }
            return b instanceof ResidualBlock ? in : s;
        }
        Shape nchw = new Shape(1, in.get(0), in.get(1), in.get(2));
        Shape o;
        if (b instanceof DepthwiseSeparableConv2d d) {
            o = d.getOutputShapes(new Shape[] {nchw})[0];
            Conv2dLayer dw = d.depthwise();
            add(
                    out,
                    model,
                    "separable",
                    in,
                    b,
                    dw.inChannels(),
                    d.pointwise().outChannels(),
                    dw.kernel(),
                    o);
        } else if (b instanceof Conv2dLayer c) {
            o = c.getOutputShapes(new Shape[] {nchw})[0];
            String type = c.groups() > 1 ? "depthwise" : "conv";
            add(out, model, type, in, b, c.inChannels(), c.outChannels(), c.kernel(), o);
        } else if (b instanceof ConvTranspose2d t) {
            o = t.getOutputShapes(new Shape[] {nchw})[0];
            add(out, model, "transposed", in, b, t.inChannels(), t.outChannels(), 4, o);
        } else {
            return in;
        }
        return new Shape(o.get(1), o.get(2), o.get(3));
    }

    private static void add(
            List<Layer> out,
            String model,
            String type,
            Shape in,
            Block b,
            int cin,
            int cout,
            int k,
            Shape o) {
        int index = (int) out.stream().filter(l -> l.model().equals(model)).count();
        boolean up = o.get(2) > in.get(1);
        int stride = up ? 2 : (int) (in.get(1) / o.get(2));
        int padding = up ? 1 : (int) (((o.get(2) - 1) * stride + k - in.get(1)) / 2);
        out.add(new Layer(model, index, type, in, b, cin, cout, k, stride, padding));
    }

    /**
     * Tabulates the layers: parameters, MACs and, for separable layers, the computed and counted
     * reduction against a standard layer.
     *
     * @param layers the layers from {@link #layers(ModelConfig)}
     * @return one row per layer
     */
    public static Table table(List<Layer> layers) {
        StringColumn model = StringColumn.create("model");
        IntColumn index = IntColumn.create("layer");
        StringColumn type = StringColumn.create("type");
        StringColumn shape = StringColumn.create("input");
        IntColumn cout = IntColumn.create("C_out");
        IntColumn k = IntColumn.create("K");
        LongColumn params = LongColumn.create("params");
        DoubleColumn mmacs = DoubleColumn.create("MMACs");
        DoubleColumn computed = DoubleColumn.create("ratio_computed");
        DoubleColumn counted = DoubleColumn.create("ratio_counted");
        for (Layer l : layers) {
            model.append(l.model());
            index.append(l.index());
            type.append(l.type());
            shape.append(l.in().get(0) + "x" + l.in().get(1) + "x" + l.in().get(2));
            cout.append(l.outChannels());
            k.append(l.kernel());
            params.append(Models.countParameters(l.layer()));
            mmacs.append(round(l.macs() / 1e6));
            if (l.separable()) {
                computed.append(round(1.0 / l.outChannels() + 1.0 / (l.kernel() * l.kernel())));
                counted.append(round((double) l.macs() / l.standardMacs()));
            } else {
                computed.appendMissing();
                counted.appendMissing();
            }
        }
        return Table.create(
                "layers", model, index, type, shape, cout, k, params, mmacs, computed, counted);
    }

    /** Returns the total MACs of the generator (G) or discriminator (D) for one image. */
    public static long totalMacs(List<Layer> layers, String model) {
        return layers.stream().filter(l -> l.model().equals(model)).mapToLong(Layer::macs).sum();
    }

    /** Tabulates total GMACs of each architecture's generator and discriminator for one image. */
    public static Table totals(java.util.Map<Architecture, List<Layer>> layers) {
        StringColumn model = StringColumn.create("model");
        DoubleColumn g = DoubleColumn.create("G_GMACs");
        DoubleColumn d = DoubleColumn.create("D_GMACs");
        for (var e : layers.entrySet()) {
            model.append(e.getKey().paperName());
            g.append(round(totalMacs(e.getValue(), "G") / 1e9));
            d.append(round(totalMacs(e.getValue(), "D") / 1e9));
        }
        return Table.create("MACs per image", model, g, d);
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
