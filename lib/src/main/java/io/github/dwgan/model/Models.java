package io.github.dwgan.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.dwgan.nn.Init;

/** Builds, initialises and measures generators and discriminators. */
public final class Models {
    private Models() {}

    /**
     * Counts a block's parameters from their declared shapes, without allocating them.
     *
     * @param block a generator, discriminator or layer
     * @return the number of scalar parameters
     */
    public static long countParameters(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Shape s = p.getValue().getShape();
            if (s == null) {
                throw new IllegalStateException("Parameter " + p.getKey() + " has no shape");
            }
            n += s.size();
        }
        return n;
    }

    /**
     * Allocates a generator's parameters with PyTorch's default initialisation.
     *
     * @param g the generator
     * @param manager the long-lived manager that owns the parameters
     * @param seed the initialisation seed
     */
    public static void initialize(Generator g, NDManager manager, long seed) {
        ModelConfig c = g.config();
        int s = c.imageSize();
        g.initialize(
                manager,
                DataType.FLOAT32,
                new Shape(1, c.channels(), s, s),
                new Shape(1, c.numDomains()));
        finish(g, seed);
    }

    /**
     * Allocates a discriminator's parameters with PyTorch's default initialisation.
     *
     * @param d the discriminator
     * @param manager the long-lived manager that owns the parameters
     * @param seed the initialisation seed
     */
    public static void initialize(Discriminator d, NDManager manager, long seed) {
        ModelConfig c = d.config();
        d.initialize(
                manager,
                DataType.FLOAT32,
                new Shape(1, c.channels(), c.imageSize(), c.imageSize()));
        finish(d, seed);
    }

    private static void finish(Block block, long seed) {
        Init.pytorchDefaults(block, seed);
        for (Pair<String, Parameter> p : block.getParameters()) {
            p.getValue().getArray().setRequiresGradient(true);
        }
    }
}
