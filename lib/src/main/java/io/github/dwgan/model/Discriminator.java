package io.github.dwgan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.dwgan.nn.Conv2dLayer;

/**
 * Scores images: StarGAN's PatchGAN discriminator with an auxiliary domain classifier.
 *
 * <p>{@code dRepeat} stride-2 4x4 convolutions with bias, each followed by LeakyReLU(0.01), then
 * two heads without bias: a 3x3 convolution giving a real/fake score per patch, shape (N, 1, H/2^r,
 * W/2^r), and a convolution whose kernel covers the whole last feature map, giving domain logits of
 * shape (N, D). No normalisation, as the gradient penalty requires.
 */
public class Discriminator extends AbstractBlock {
    private final ModelConfig config;
    private final SequentialBlock trunk;
    private final Conv2dLayer srcHead;
    private final Conv2dLayer clsHead;

    /**
     * Creates the discriminator.
     *
     * @param config the architecture
     */
    public Discriminator(ModelConfig config) {
        this.config = config;
        SequentialBlock t = new SequentialBlock();
        int in = config.channels();
        int cur = config.dWidth();
        for (int i = 0; i < config.dRepeat(); i++) {
            t.add(Layers.conv(config.dDepthwise().contains(i), in, cur, 4, 2, 1, true));
            t.add(Activation.leakyReluBlock(0.01f));
            in = cur;
            cur *= 2;
        }
        trunk = addChildBlock("trunk", t);
        srcHead = addChildBlock("src", new Conv2dLayer(in, 1, 3, 1, 1, 1, false));
        clsHead =
                addChildBlock(
                        "cls",
                        new Conv2dLayer(
                                in, config.numDomains(), config.dHeadKernel(), 1, 0, 1, false));
    }

    /** Returns the configuration. */
    public ModelConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList h = trunk.forward(ps, inputs, training, params);
        NDArray src = srcHead.forward(ps, h, training, params).singletonOrThrow();
        NDArray cls = clsHead.forward(ps, h, training, params).singletonOrThrow();
        return new NDList(src, cls.reshape(cls.getShape().get(0), config.numDomains()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        int f = config.dHeadKernel();
        return new Shape[] {new Shape(n, 1, f, f), new Shape(n, config.numDomains())};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, inputShapes);
        Shape[] h = trunk.getOutputShapes(inputShapes);
        srcHead.initialize(manager, dataType, h);
        clsHead.initialize(manager, dataType, h);
    }

    /** Returns the strided convolutions and activations in order. */
    public SequentialBlock trunk() {
        return trunk;
    }
}
