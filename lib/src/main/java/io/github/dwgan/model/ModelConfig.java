package io.github.dwgan.model;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Describes the generator and discriminator of one architecture at one image size.
 *
 * @param imageSize image height and width in pixels
 * @param channels image channels (3 for faces, 1 for Fashion-MNIST)
 * @param numDomains length of the domain label vector
 * @param gWidth generator base width (StarGAN: 64)
 * @param gResBlocks residual blocks in the generator bottleneck (StarGAN: 6)
 * @param gDownsamplings downsampling (and upsampling) stages (StarGAN: 2)
 * @param gDepthwise generator stages built from depthwise separable convolutions
 * @param dWidth discriminator base width (StarGAN: 64)
 * @param dRepeat stride-2 convolutions in the discriminator (StarGAN: 6)
 * @param dDepthwise indices (0-based) of the discriminator's strided convolutions that are
 *     depthwise separable
 */
public record ModelConfig(
        int imageSize,
        int channels,
        int numDomains,
        int gWidth,
        int gResBlocks,
        int gDownsamplings,
        Set<GeneratorStage> gDepthwise,
        int dWidth,
        int dRepeat,
        Set<Integer> dDepthwise) {

    /** Validates the sizes and copies the sets. */
    public ModelConfig {
        gDepthwise =
                gDepthwise.isEmpty()
                        ? EnumSet.noneOf(GeneratorStage.class)
                        : EnumSet.copyOf(gDepthwise);
        dDepthwise = new TreeSet<>(dDepthwise);
        if (numDomains < 2) {
            throw new IllegalArgumentException(
                    "numDomains is "
                            + numDomains
                            + ": translation needs at least two domains (choose two or more"
                            + " classes or attributes).");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        int dStride = 1 << dRepeat;
        if (dRepeat < 1 || imageSize % dStride != 0) {
            throw new IllegalArgumentException(
                    "Image size "
                            + imageSize
                            + " does not suit the discriminator: its "
                            + dRepeat
                            + " stride-2 convolutions need a multiple of "
                            + dStride
                            + " (the domain head's kernel is imageSize / 2^dRepeat). Use"
                            + " imageSize "
                            + Math.max(dStride, (imageSize / dStride) * dStride)
                            + " or dRepeat "
                            + Math.max(1, Integer.numberOfTrailingZeros(imageSize))
                            + " or less.");
        }
        int gStride = 1 << gDownsamplings;
        if (imageSize % gStride != 0) {
            throw new IllegalArgumentException(
                    "Image size "
                            + imageSize
                            + " is not a multiple of 2^"
                            + gDownsamplings
                            + " = "
                            + gStride
                            + ", which the generator's downsampling stages need.");
        }
        for (int i : dDepthwise) {
            if (i < 0 || i >= dRepeat) {
                throw new IllegalArgumentException(
                        "dDepthwise index " + i + " outside 0.." + (dRepeat - 1));
            }
        }
    }

    /** Returns the spatial size of the discriminator's last feature map (the cls head kernel). */
    public int dHeadKernel() {
        return imageSize >> dRepeat;
    }
}
