package io.github.dwgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Normalises each channel of each image by its own mean and variance, then applies a learned
 * per-channel scale and shift: PyTorch's {@code InstanceNorm2d(C, affine=True)}.
 *
 * <p>DJL's PyTorch engine has no instance norm. It equals batch norm over a tensor reshaped from
 * (N, C, H, W) to (1, N*C, H, W) with training-mode (per-batch) statistics, so this block runs the
 * engine's fused batch norm on that view with the affine parameters tiled N times. Statistics are
 * per instance in training and in evaluation alike. StarGAN's code creates its layers with {@code
 * track_running_stats=True} but never switches to evaluation mode, so its running statistics are
 * never used; this block keeps none.
 */
public class InstanceNorm2d extends AbstractBlock {
    /** PyTorch's default epsilon. */
    public static final float EPS = 1e-5f;

    private final int channels;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the block.
     *
     * @param channels the number of channels
     */
    public InstanceNorm2d(int channels) {
        this.channels = channels;
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.GAMMA)
                                .optShape(new Shape(channels))
                                .build());
        bias =
                addParameter(
                        Parameter.builder()
                                .setName("bias")
                                .setType(Parameter.Type.BETA)
                                .optShape(new Shape(channels))
                                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long n = s.get(0);
        long nc = n * s.get(1);
        NDManager m = x.getManager();
        NDArray gamma = Local.to(ps.getValue(weight, x.getDevice(), training).tile(n), x);
        NDArray beta = Local.to(ps.getValue(bias, x.getDevice(), training).tile(n), x);
        NDArray flat = x.reshape(1, nc, s.get(2), s.get(3));
        // Throw-away running statistics: the fused kernel updates them in place.
        NDArray runMean = m.zeros(new Shape(nc), x.getDataType(), x.getDevice());
        NDArray runVar = m.ones(new Shape(nc), x.getDataType(), x.getDevice());
        NDArray y =
                BatchNorm.batchNorm(flat, runMean, runVar, gamma, beta, 1, 0.1f, EPS, true)
                        .singletonOrThrow();
        return new NDList(y.reshape(s));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        // no child blocks
    }

    /** Returns the channel count. */
    public int channels() {
        return channels;
    }
}
