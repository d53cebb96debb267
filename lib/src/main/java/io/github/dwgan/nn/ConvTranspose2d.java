package io.github.dwgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Upsamples by two with a transposed convolution of kernel 4, stride 2 and padding 1, exactly as
 * PyTorch's {@code ConvTranspose2d(in, out, 4, 2, 1)} (the generator's upsampling layers).
 *
 * <p>DJL's PyTorch engine throws "Not implemented" for transposed convolutions. Each output pixel
 * (2i + a, 2j + b) only sees a 2x2 window of the input through four of the sixteen kernel taps, so
 * the layer is computed as four ordinary 2x2 convolutions, one per output phase (a, b), on the
 * input padded by one pixel, whose outputs are interleaved (a pixel shuffle). The phase kernels are
 * the flipped weight taken with stride 2. This costs the same multiply-adds as the transposed
 * convolution and has the same gradients. The weight keeps PyTorch's layout (in, out / groups, 4,
 * 4), so state dicts map one to one. Groups may be 1 or {@code in} (a depthwise transposed
 * convolution, which then needs {@code out == in}).
 *
 * <p>Note: measured in the D step of StarGAN at 128 px batch 4 (2 CPU threads, tcmalloc), the
 * forward of both upsampling layers took about 0.2 s here against 0.1 s for Debian PyTorch 1.13's
 * own transposed convolution. libtorch 2.5.1's {@code conv_transpose2d}, reached through a
 * TorchScript module, was not measurably faster than the four phase convolutions, so this form
 * stays; see docs/bench.md.
 */
public class ConvTranspose2d extends AbstractBlock {
    private static final int KERNEL = 4;

    private final int in;
    private final int out;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the layer.
     *
     * @param in input channels
     * @param out output channels
     * @param groups 1, or {@code in} for depthwise (then {@code out} must equal {@code in})
     * @param withBias whether a bias is added
     */
    public ConvTranspose2d(int in, int out, int groups, boolean withBias) {
        if (groups != 1 && !(groups == in && out == in)) {
            throw new IllegalArgumentException(
                    "Only groups = 1 or groups = in = out are supported, got in="
                            + in
                            + " out="
                            + out
                            + " groups="
                            + groups);
        }
        this.in = in;
        this.out = out;
        this.groups = groups;
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(in, out / groups, KERNEL, KERNEL))
                                .build());
        bias =
                withBias
                        ? addParameter(
                                Parameter.builder()
                                        .setName("bias")
                                        .setType(Parameter.Type.BIAS)
                                        .optShape(new Shape(out))
                                        .build())
                        : null;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long h = s.get(2);
        long w = s.get(3);
        NDArray flipped = Local.to(ps.getValue(weight, x.getDevice(), training).flip(2, 3), x);
        NDArray padded = x.pad(new Shape(1, 1, 1, 1), 0);
        NDArray[][] phases = new NDArray[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                NDArray k = flipped.get(new NDIndex(":, :, {}::2, {}::2", a, b));
                if (groups == 1) {
                    k = k.transpose(1, 0, 2, 3);
                }
                NDArray window =
                        padded.get(new NDIndex(":, :, {}:{}, {}:{}", a, a + h + 1, b, b + w + 1));
                phases[a][b] =
                        Conv2d.conv2d(
                                        window,
                                        k,
                                        null,
                                        new Shape(1, 1),
                                        new Shape(0, 0),
                                        new Shape(1, 1),
                                        groups)
                                .singletonOrThrow();
            }
        }
        NDArray even = NDArrays.stack(new NDList(phases[0][0], phases[0][1]), 4);
        NDArray odd = NDArrays.stack(new NDList(phases[1][0], phases[1][1]), 4);
        NDArray y = NDArrays.stack(new NDList(even, odd), 3).reshape(s.get(0), out, 2 * h, 2 * w);
        if (bias != null) {
            NDArray b = ps.getValue(bias, x.getDevice(), training).reshape(1, out, 1, 1);
            y = y.add(Local.to(b, x));
        }
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, 2 * s.get(2), 2 * s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        // no child blocks
    }

    /** Returns the multiply-accumulate count for one image of the given input shape. */
    public long macs(Shape inputShape) {
        return inputShape.get(2) * inputShape.get(3) * 4L * 4L * (long) (in / groups) * out;
    }

    /** Returns the input channel count. */
    public int inChannels() {
        return in;
    }

    /** Returns the output channel count. */
    public int outChannels() {
        return out;
    }
}
