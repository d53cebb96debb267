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
import io.github.dwgan.nn.InstanceNorm2d;

/**
 * Translates an image to a target domain: StarGAN's generator (Choi et al. 2018, appendix), with
 * chosen stages made depthwise separable (DepthwiseGANs).
 *
 * <p>Input: the image (N, C, H, W) in [-1, 1] and the target label (N, D). The label is broadcast
 * to D constant maps and concatenated to the image; then a 7x7 convolution, the downsampling
 * convolutions, the residual bottleneck, the transposed upsampling convolutions (each followed by
 * instance norm and ReLU) and a 7x7 convolution with tanh. No convolution has a bias, as in
 * StarGAN's code.
 */
public class Generator extends AbstractBlock {
    private final ModelConfig config;
    private final SequentialBlock trunk;

    /**
     * Creates the generator.
     *
     * @param config the architecture
     */
    public Generator(ModelConfig config) {
        this.config = config;
        var sep = config.gDepthwise();
        int w = config.gWidth();
        SequentialBlock t = new SequentialBlock();
        t.add(
                Layers.conv(
                        sep.contains(GeneratorStage.INPUT),
                        config.channels() + config.numDomains(),
                        w,
                        7,
                        1,
                        3,
                        false));
        t.add(new InstanceNorm2d(w)).add(Activation.reluBlock());
        int cur = w;
        for (int i = 0; i < config.gDownsamplings(); i++) {
            t.add(Layers.conv(sep.contains(GeneratorStage.DOWN), cur, cur * 2, 4, 2, 1, false));
            cur *= 2;
            t.add(new InstanceNorm2d(cur)).add(Activation.reluBlock());
        }
        for (int i = 0; i < config.gResBlocks(); i++) {
            t.add(new ResidualBlock(cur, sep.contains(GeneratorStage.RESIDUAL)));
        }
        for (int i = 0; i < config.gDownsamplings(); i++) {
            t.add(Layers.upsample(sep.contains(GeneratorStage.UP), cur, cur / 2));
            cur /= 2;
            t.add(new InstanceNorm2d(cur)).add(Activation.reluBlock());
        }
        t.add(
                Layers.conv(
                        sep.contains(GeneratorStage.OUTPUT),
                        cur,
                        config.channels(),
                        7,
                        1,
                        3,
                        false));
        t.add(Activation.tanhBlock());
        trunk = addChildBlock("trunk", t);
    }

    /** Returns the configuration. */
    public ModelConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray c = inputs.get(1);
        Shape s = x.getShape();
        NDArray maps =
                c.reshape(s.get(0), config.numDomains(), 1, 1)
                        .broadcast(s.get(0), config.numDomains(), s.get(2), s.get(3));
        return trunk.forward(ps, new NDList(x.concat(maps, 1)), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        trunk.initialize(
                manager,
                dataType,
                new Shape(s.get(0), config.channels() + config.numDomains(), s.get(2), s.get(3)));
    }

    /** Returns the layers in order (for per-layer tables). */
    public SequentialBlock trunk() {
        return trunk;
    }
}
