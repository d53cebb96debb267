package io.github.dwgan.bench;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.github.dwgan.model.Discriminator;
import io.github.dwgan.model.Generator;
import io.github.dwgan.model.ModelConfig;
import io.github.dwgan.nn.Conv2dLayer;
import io.github.dwgan.nn.ConvTranspose2d;

/**
 * Counts the floating-point operations of the models from their layer shapes: convolutions only
 * (normalisation, activations and the optimiser are memory-bound and left out), one multiply-add
 * counted as two operations.
 *
 * <p>One training iteration (a D step with the gradient penalty, then a G step) is counted from the
 * forward costs F_G and F_D of one batch, with a backward pass costing twice its forward (the input
 * gradient and the weight gradient):
 *
 * <ul>
 *   <li>D step: F_G (G makes the fakes without gradients) + 3 F_D (D on real, fake and interpolated
 *       images) + 4 F_D (backward of the real and fake terms) + F_D (the penalty's input gradient)
 *       + 2 F_D (backward through that gradient) + 2 F_D (backward through D's pass on the
 *       interpolates) = F_G + 12 F_D.
 *   <li>G step: 2 F_G + F_D forward (translation, D on the fake, reconstruction) and twice that
 *       backward = 6 F_G + 3 F_D.
 * </ul>
 *
 * <p>This is the work PyTorch's {@code autograd.grad} does, and the penalty calls exactly that (see
 * {@code loss.InputGradient}).
 */
public final class FlopCounter {
    private FlopCounter() {}

    /**
     * Returns the multiply-adds of one block's forward pass for an input of the given shape (batch
     * included), walking child blocks in order as a chain.
     *
     * @param block a layer or a chain of layers (a generator trunk, a residual block, ...)
     * @param input the input shape (N, C, H, W)
     * @return the multiply-add count
     */
    public static long macs(Block block, Shape input) {
        long n = input.get(0);
        if (block instanceof Conv2dLayer c) {
            return n * c.macs(input);
        }
        if (block instanceof ConvTranspose2d t) {
            return n * t.macs(input);
        }
        long total = 0;
        Shape cur = input;
        for (var child : block.getChildren()) {
            Block b = child.getValue();
            if (b.getParameters().isEmpty()) {
                continue; // activations: no multiply-adds, shape kept
            }
            total += macs(b, cur);
            cur = b.getOutputShapes(new Shape[] {cur})[0];
        }
        return total;
    }

    /** Returns the generator's forward multiply-adds for {@code batch} images. */
    public static long generatorMacs(Generator g, int batch) {
        ModelConfig c = g.config();
        int s = c.imageSize();
        return macs(g.trunk(), new Shape(batch, c.channels() + c.numDomains(), s, s));
    }

    /** Returns the discriminator's forward multiply-adds (trunk and both heads). */
    public static long discriminatorMacs(Discriminator d, int batch) {
        ModelConfig c = d.config();
        int s = c.imageSize();
        Shape in = new Shape(batch, c.channels(), s, s);
        long total = macs(d.trunk(), in);
        Shape h = d.trunk().getOutputShapes(new Shape[] {in})[0];
        for (var child : d.getChildren()) {
            if (child.getValue() != d.trunk()) {
                total += macs(child.getValue(), h);
            }
        }
        return total;
    }

    /**
     * Returns the floating-point operations of one D step and one G step.
     *
     * @param g the generator
     * @param d the discriminator
     * @param batch the batch size
     * @return {D step, G step} in FLOPs
     */
    public static double[] iterationFlops(Generator g, Discriminator d, int batch) {
        double fg = 2.0 * generatorMacs(g, batch);
        double fd = 2.0 * discriminatorMacs(d, batch);
        return new double[] {fg + 12 * fd, 6 * fg + 3 * fd};
    }
}
