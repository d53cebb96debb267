package io.github.dwgan.fid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the FID Inception-v3 of pytorch-fid ({@code pytorch_fid/inception.py}, {@code
 * fid_inception_v3} up to the 2048-d pool features) as DJL blocks, and names each parameter as in
 * pytorch-fid's state dict ({@code Mixed_5b.branch1x1.conv.weight}, {@code ...bn.running_var}).
 *
 * <p>The differences from torchvision's Inception-v3 that pytorch-fid copies from the TensorFlow
 * graph of Heusel et al.: the 3x3 average pools of the A, C and first E blocks exclude padding
 * ({@code count_include_pad=False}); the last E block max-pools; batch norms use eps 0.001; the
 * classifier (unused for features) has 1008 classes; there is no auxiliary head.
 *
 * <p>A width divisor scales every channel count down for tests (divisor 16 gives 128 features); the
 * real network uses divisor 1.
 */
public final class FidInception {

    private final int divisor;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Shape> shapes = new LinkedHashMap<>();

    private FidInception(int divisor) {
        this.divisor = divisor;
    }

    /** Describes the built network: its block and its parameters under pytorch-fid's names. */
    public record Network(
            Block block,
            Map<String, Parameter> parameters,
            Map<String, Shape> shapes,
            int features) {}

    /**
     * Builds the network with every channel count divided by {@code divisor}.
     *
     * @param divisor 1 for the real network; 2, 4, 8 or 16 for test variants
     * @return the block (input: N x 3 x 299 x 299 in [-1, 1]; output: N x features) and its names
     */
    public static Network build(int divisor) {
        if (divisor < 1 || 16 % divisor != 0) {
            throw new IllegalArgumentException("divisor must be 1, 2, 4, 8 or 16, got " + divisor);
        }
        FidInception b = new FidInception(divisor);
        SequentialBlock net = new SequentialBlock();
        net.add(b.conv("Conv2d_1a_3x3", 3, 32, 3, 3, 2, 0, 0))
                .add(b.conv("Conv2d_2a_3x3", 32, 32, 3, 3, 1, 0, 0))
                .add(b.conv("Conv2d_2b_3x3", 32, 64, 3, 3, 1, 1, 1))
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)))
                .add(b.conv("Conv2d_3b_1x1", 64, 80, 1, 1, 1, 0, 0))
                .add(b.conv("Conv2d_4a_3x3", 80, 192, 3, 3, 1, 0, 0))
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)))
                .add(b.inceptionA("Mixed_5b", 192, 32))
                .add(b.inceptionA("Mixed_5c", 256, 64))
                .add(b.inceptionA("Mixed_5d", 288, 64))
                .add(b.inceptionB("Mixed_6a", 288))
                .add(b.inceptionC("Mixed_6b", 768, 128))
                .add(b.inceptionC("Mixed_6c", 768, 160))
                .add(b.inceptionC("Mixed_6d", 768, 160))
                .add(b.inceptionC("Mixed_6e", 768, 192))
                .add(b.inceptionD("Mixed_7a", 768))
                .add(b.inceptionE("Mixed_7b", 1280, false))
                .add(b.inceptionE("Mixed_7c", 2048, true))
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock());
        // The classifier is not part of the features; its shape is listed so that a real
        // weights file is recognised in full.
        b.shapes.put("fc.weight", new Shape(1008, 2048 / divisor));
        b.shapes.put("fc.bias", new Shape(1008));
        return new Network(net, b.parameters, b.shapes, 2048 / divisor);
    }

    /** torchvision's BasicConv2d: convolution without bias, batch norm (eps 0.001), ReLU. */
    private Block conv(String name, int in, int out, int kh, int kw, int stride, int ph, int pw) {
        int cin = in == 3 ? 3 : in / divisor;
        int cout = out / divisor;
        Conv2d c =
                Conv2d.builder()
                        .setFilters(cout)
                        .setKernelShape(new Shape(kh, kw))
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(ph, pw))
                        .optBias(false)
                        .build();
        BatchNorm bn = BatchNorm.builder().optEpsilon(1e-3f).build();
        register(name + ".conv.weight", c.getParameters().get("weight"), cout, cin, kh, kw);
        register(name + ".bn.weight", bn.getParameters().get("gamma"), cout);
        register(name + ".bn.bias", bn.getParameters().get("beta"), cout);
        register(name + ".bn.running_mean", bn.getParameters().get("runningMean"), cout);
        register(name + ".bn.running_var", bn.getParameters().get("runningVar"), cout);
        return new SequentialBlock().add(c).add(bn).add(Activation::relu);
    }

    private void register(String name, Parameter p, long... shape) {
        parameters.put(name, p);
        shapes.put(name, new Shape(shape));
    }

    private static ParallelBlock concat(Block... branches) {
        return new ParallelBlock(
                outs -> {
                    NDList all = new NDList();
                    for (NDList o : outs) {
                        all.addAll(o);
                    }
                    return new NDList(NDArrays.concat(all, 1));
                },
                List.of(branches));
    }

    /**
     * Returns a 3x3 average pool, stride 1, padding 1, that divides by the number of in-image
     * cells, as {@code avg_pool2d(..., count_include_pad=False)}.
     *
     * <p>Deviation in method, not result: DJL 0.33's PyTorch engine ignores {@code
     * Pool.avgPool2dBlock}'s {@code countIncludePad=false} (measured: features 10% off PyTorch's),
     * so the padded average is rescaled by 9 / (cells inside the image) here.
     */
    private static Block avgPoolExcludingPad() {
        return LambdaBlock.singleton(
                x -> {
                    int h = (int) x.getShape().get(2);
                    int w = (int) x.getShape().get(3);
                    float[] scale = new float[h * w];
                    for (int i = 0; i < h; i++) {
                        int rows = Math.min(i + 1, h - 1) - Math.max(i - 1, 0) + 1;
                        for (int j = 0; j < w; j++) {
                            int cols = Math.min(j + 1, w - 1) - Math.max(j - 1, 0) + 1;
                            scale[i * w + j] = 9f / (rows * cols);
                        }
                    }
                    NDArray avg =
                            Pool.avgPool2d(
                                    x,
                                    new Shape(3, 3),
                                    new Shape(1, 1),
                                    new Shape(1, 1),
                                    false,
                                    true);
                    return avg.mul(x.getManager().create(scale, new Shape(1, 1, h, w)));
                },
                "avgPool2dExcludingPad");
    }

    private static SequentialBlock seq(Block... blocks) {
        return new SequentialBlock().addAll(blocks);
    }

    /** pytorch-fid's FIDInceptionA: its average pool excludes padding. */
    private Block inceptionA(String n, int in, int poolFeatures) {
        return concat(
                conv(n + ".branch1x1", in, 64, 1, 1, 1, 0, 0),
                seq(
                        conv(n + ".branch5x5_1", in, 48, 1, 1, 1, 0, 0),
                        conv(n + ".branch5x5_2", 48, 64, 5, 5, 1, 2, 2)),
                seq(
                        conv(n + ".branch3x3dbl_1", in, 64, 1, 1, 1, 0, 0),
                        conv(n + ".branch3x3dbl_2", 64, 96, 3, 3, 1, 1, 1),
                        conv(n + ".branch3x3dbl_3", 96, 96, 3, 3, 1, 1, 1)),
                seq(
                        avgPoolExcludingPad(),
                        conv(n + ".branch_pool", in, poolFeatures, 1, 1, 1, 0, 0)));
    }

    /** torchvision's InceptionB (unchanged in pytorch-fid). */
    private Block inceptionB(String n, int in) {
        return concat(
                conv(n + ".branch3x3", in, 384, 3, 3, 2, 0, 0),
                seq(
                        conv(n + ".branch3x3dbl_1", in, 64, 1, 1, 1, 0, 0),
                        conv(n + ".branch3x3dbl_2", 64, 96, 3, 3, 1, 1, 1),
                        conv(n + ".branch3x3dbl_3", 96, 96, 3, 3, 2, 0, 0)),
                Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)));
    }

    /** pytorch-fid's FIDInceptionC: its average pool excludes padding. */
    private Block inceptionC(String n, int in, int c7) {
        return concat(
                conv(n + ".branch1x1", in, 192, 1, 1, 1, 0, 0),
                seq(
                        conv(n + ".branch7x7_1", in, c7, 1, 1, 1, 0, 0),
                        conv(n + ".branch7x7_2", c7, c7, 1, 7, 1, 0, 3),
                        conv(n + ".branch7x7_3", c7, 192, 7, 1, 1, 3, 0)),
                seq(
                        conv(n + ".branch7x7dbl_1", in, c7, 1, 1, 1, 0, 0),
                        conv(n + ".branch7x7dbl_2", c7, c7, 7, 1, 1, 3, 0),
                        conv(n + ".branch7x7dbl_3", c7, c7, 1, 7, 1, 0, 3),
                        conv(n + ".branch7x7dbl_4", c7, c7, 7, 1, 1, 3, 0),
                        conv(n + ".branch7x7dbl_5", c7, 192, 1, 7, 1, 0, 3)),
                seq(avgPoolExcludingPad(), conv(n + ".branch_pool", in, 192, 1, 1, 1, 0, 0)));
    }

    /** torchvision's InceptionD (unchanged in pytorch-fid). */
    private Block inceptionD(String n, int in) {
        return concat(
                seq(
                        conv(n + ".branch3x3_1", in, 192, 1, 1, 1, 0, 0),
                        conv(n + ".branch3x3_2", 192, 320, 3, 3, 2, 0, 0)),
                seq(
                        conv(n + ".branch7x7x3_1", in, 192, 1, 1, 1, 0, 0),
                        conv(n + ".branch7x7x3_2", 192, 192, 1, 7, 1, 0, 3),
                        conv(n + ".branch7x7x3_3", 192, 192, 7, 1, 1, 3, 0),
                        conv(n + ".branch7x7x3_4", 192, 192, 3, 3, 2, 0, 0)),
                Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)));
    }

    /**
     * pytorch-fid's FIDInceptionE_1 (average pool excluding padding) or, with {@code maxPool},
     * FIDInceptionE_2 (a 3x3 max pool, stride 1, padding 1, where torchvision averages).
     */
    private Block inceptionE(String n, int in, boolean maxPool) {
        Block pool =
                maxPool
                        ? Pool.maxPool2dBlock(new Shape(3, 3), new Shape(1, 1), new Shape(1, 1))
                        : avgPoolExcludingPad();
        return concat(
                conv(n + ".branch1x1", in, 320, 1, 1, 1, 0, 0),
                seq(
                        conv(n + ".branch3x3_1", in, 384, 1, 1, 1, 0, 0),
                        concat(
                                conv(n + ".branch3x3_2a", 384, 384, 1, 3, 1, 0, 1),
                                conv(n + ".branch3x3_2b", 384, 384, 3, 1, 1, 1, 0))),
                seq(
                        conv(n + ".branch3x3dbl_1", in, 448, 1, 1, 1, 0, 0),
                        conv(n + ".branch3x3dbl_2", 448, 384, 3, 3, 1, 1, 1),
                        concat(
                                conv(n + ".branch3x3dbl_3a", 384, 384, 1, 3, 1, 0, 1),
                                conv(n + ".branch3x3dbl_3b", 384, 384, 3, 1, 1, 1, 0))),
                seq(pool, conv(n + ".branch_pool", in, 192, 1, 1, 1, 0, 0)));
    }
}
