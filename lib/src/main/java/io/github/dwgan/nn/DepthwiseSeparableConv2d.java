package io.github.dwgan.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Applies a depthwise separable convolution (DepthwiseGANs, section III; MobileNet): a k x k
 * convolution per input channel (groups = channels, no bias) followed by a 1 x 1 pointwise
 * convolution that mixes channels. Stride and padding belong to the depthwise part. The pointwise
 * convolution carries the bias when the layer it replaces had one (a depthwise bias would be folded
 * into it anyway).
 *
 * <p>Parameters: in*k*k + in*out (+ out), against in*out*k*k (+ out) for the standard layer: a
 * ratio of 1/out + 1/k^2.
 */
public class DepthwiseSeparableConv2d extends AbstractBlock {
    private final Conv2dLayer depthwise;
    private final Conv2dLayer pointwise;

    /**
     * Creates the layer.
     *
     * @param in input channels
     * @param out output channels
     * @param kernel depthwise kernel size
     * @param stride depthwise stride
     * @param padding depthwise zero padding
     * @param withBias whether the pointwise convolution adds a bias
     */
    public DepthwiseSeparableConv2d(
            int in, int out, int kernel, int stride, int padding, boolean withBias) {
        depthwise =
                addChildBlock(
                        "depthwise", new Conv2dLayer(in, in, kernel, stride, padding, in, false));
        pointwise = addChildBlock("pointwise", new Conv2dLayer(in, out, 1, 1, 0, 1, withBias));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList h = depthwise.forward(ps, inputs, training, params);
        return pointwise.forward(ps, h, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return pointwise.getOutputShapes(depthwise.getOutputShapes(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        depthwise.initialize(manager, dataType, inputShapes);
        pointwise.initialize(manager, dataType, depthwise.getOutputShapes(inputShapes));
    }

    /** Returns the depthwise (k x k, per channel) part. */
    public Conv2dLayer depthwise() {
        return depthwise;
    }

    /** Returns the pointwise (1 x 1) part. */
    public Conv2dLayer pointwise() {
        return pointwise;
    }
}
