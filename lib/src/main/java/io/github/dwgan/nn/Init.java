package io.github.dwgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import io.github.dwgan.engine.NativeArrays;
import java.util.SplittableRandom;

/**
 * Re-initialises a block's parameters the way PyTorch's layers do by default, from a seed.
 *
 * <p>StarGAN relies on PyTorch's defaults, which differ from DJL's Xavier: a convolution's weight
 * and bias are uniform in +-1/sqrt(fan_in) (Kaiming uniform with a = sqrt(5)), where fan_in is the
 * weight's size(1) times its kernel area, for transposed convolutions too; instance-norm scale is
 * one and shift is zero. Numbers are drawn on the Java side in a fixed order, so a seed gives the
 * same weights on every device and engine build.
 */
public final class Init {
    private Init() {}

    /**
     * Applies PyTorch's default initialisation to every parameter under {@code block}.
     *
     * @param block an initialised block
     * @param seed the random seed
     */
    public static void pytorchDefaults(Block block, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        // In-place writes to parameters need autograd off; grad mode is per thread in libtorch
        // and on by default on any thread but the one that loaded the engine (a notebook's
        // training worker, say).
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            visit(block, rng);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static void visit(Block block, SplittableRandom rng) {
        double bound = 0;
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            Parameter param = p.getValue();
            NDArray array = param.getArray();
            Shape shape = array.getShape();
            String name = param.getName();
            if (block instanceof InstanceNorm2d) {
                copyInto(array, filled(shape, name.equals("weight") ? 1f : 0f));
            } else if (name.equals("weight")) {
                long fanIn = shape.size() / shape.get(0);
                bound = 1.0 / Math.sqrt(fanIn);
                copyInto(array, uniform(shape, bound, rng));
            } else if (name.equals("bias")) {
                copyInto(array, uniform(shape, bound, rng));
            }
        }
        for (Pair<String, Block> child : block.getChildren()) {
            visit(child.getValue(), rng);
        }
    }

    /**
     * Overwrites {@code array} in place with {@code values}.
     *
     * <p>Note: {@code NDArray.set(float[])} in DJL's PyTorch engine makes the tensor use a Java
     * direct buffer as its memory, alive only while that Java array object is; parameters must own
     * their memory, so the values are copied in by native operations instead.
     */
    private static void copyInto(NDArray array, float[] values) {
        try (NDArray src = NativeArrays.copyOf(array.getManager(), values, array.getShape())) {
            array.muli(0).addi(src);
        }
    }

    private static float[] uniform(Shape shape, double bound, SplittableRandom rng) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    private static float[] filled(Shape shape, float value) {
        float[] v = new float[Math.toIntExact(shape.size())];
        java.util.Arrays.fill(v, value);
        return v;
    }
}
