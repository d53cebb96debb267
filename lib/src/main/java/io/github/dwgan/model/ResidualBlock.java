package io.github.dwgan.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.dwgan.nn.InstanceNorm2d;

/**
 * Adds x to conv-norm-ReLU-conv-norm of x (StarGAN's residual block: 3x3 convolutions without bias,
 * instance norm with affine parameters).
 */
public class ResidualBlock extends AbstractBlock {
    private final SequentialBlock body;

    /**
     * Creates the block.
     *
     * @param channels input and output channels
     * @param separable whether both convolutions are depthwise separable
     */
    public ResidualBlock(int channels, boolean separable) {
        body =
                addChildBlock(
                        "body",
                        new SequentialBlock()
                                .add(Layers.conv(separable, channels, channels, 3, 1, 1, false))
                                .add(new InstanceNorm2d(channels))
                                .add(Activation.reluBlock())
                                .add(Layers.conv(separable, channels, channels, 3, 1, 1, false))
                                .add(new InstanceNorm2d(channels)));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList h = body.forward(ps, inputs, training, params);
        return new NDList(inputs.singletonOrThrow().add(h.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
    }
}
