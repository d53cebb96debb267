package io.github.dwgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Applies a 2-D convolution with PyTorch's parameter layout and names ({@code weight} of shape
 * (out, in / groups, k, k), optional {@code bias}), square kernel, stride and padding.
 */
public class Conv2dLayer extends AbstractBlock {
    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the layer.
     *
     * @param in input channels
     * @param out output channels
     * @param kernel kernel size
     * @param stride stride
     * @param padding zero padding on every side
     * @param groups channel groups (in for a depthwise convolution)
     * @param withBias whether a bias is added
     */
    public Conv2dLayer(
            int in, int out, int kernel, int stride, int padding, int groups, boolean withBias) {
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(
                    "groups " + groups + " must divide both " + in + " and " + out);
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.groups = groups;
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(out, in / groups, kernel, kernel))
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
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        return Conv2d.conv2d(
                x,
                w,
                b,
                new Shape(stride, stride),
                new Shape(padding, padding),
                new Shape(1, 1),
                groups);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long h = (s.get(2) + 2L * padding - kernel) / stride + 1;
        long w = (s.get(3) + 2L * padding - kernel) / stride + 1;
        return new Shape[] {new Shape(s.get(0), out, h, w)};
    }

    @Override
    protected void initializeChildBlocks(
            ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        // no child blocks
    }

    /** Returns the multiply-accumulate count for one image of the given input shape. */
    public long macs(Shape inputShape) {
        Shape o = getOutputShapes(new Shape[] {inputShape})[0];
        return o.get(1) * o.get(2) * o.get(3) * (long) (in / groups) * kernel * kernel;
    }

    /** Returns the input channel count. */
    public int inChannels() {
        return in;
    }

    /** Returns the output channel count. */
    public int outChannels() {
        return out;
    }

    /** Returns the kernel size. */
    public int kernel() {
        return kernel;
    }

    /** Returns the number of channel groups. */
    public int groups() {
        return groups;
    }
}
