package io.github.dwgan.model;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Names the four models compared in DepthwiseGANs (Ngxande, Tapamo and Burke, 2019, table I) and
 * says where each uses depthwise separable convolutions.
 *
 * <p>The paper gives parameter counts but no layer layout; the layouts here follow its text and
 * come closest to its counts (see {@code ./dwgan params} and the README):
 *
 * <ul>
 *   <li>DepthwiseG: every generator convolution is separable except the two transposed upsampling
 *       convolutions, which are not standard convolutions (making them separable too gives 0.92M,
 *       far below the paper's 1.5M).
 *   <li>DepthwiseDG: DepthwiseG's generator; in the discriminator every strided convolution but the
 *       last is separable. The last one holds 75% of D's weights: making it separable drops D to
 *       2.9M, far below the paper's 32M.
 *   <li>DeeperDepthwiseG: DepthwiseG's rule on a generator one stage deeper (three downsamplings, a
 *       512-channel bottleneck), giving exactly 11 separable layers in StarGAN's layer list (input,
 *       3 downsamplings, 6 residual blocks, output).
 * </ul>
 */
public enum Architecture {
    /** StarGAN (Choi et al. 2018): standard convolutions everywhere. */
    STARGAN("StarGAN", 8_500_000, 44_000_000),
    /** Depthwise separable convolutions in the generator only. */
    DEPTHWISE_G("DepthwiseG", 1_500_000, 44_000_000),
    /** Depthwise separable convolutions in the generator and the discriminator. */
    DEPTHWISE_DG("DepthwiseDG", 1_500_000, 32_000_000),
    /** A deeper depthwise separable generator (11 separable layers). */
    DEEPER_DEPTHWISE_G("DeeperDepthwiseG", 5_600_000, 44_000_000);

    private final String paperName;
    private final long paperG;
    private final long paperD;

    Architecture(String paperName, long paperG, long paperD) {
        this.paperName = paperName;
        this.paperG = paperG;
        this.paperD = paperD;
    }

    /** Returns the model's name in the paper. */
    public String paperName() {
        return paperName;
    }

    /** Returns the generator parameter count reported by the paper (rounded there). */
    public long paperGeneratorParameters() {
        return paperG;
    }

    /** Returns the discriminator parameter count reported by the paper (rounded there). */
    public long paperDiscriminatorParameters() {
        return paperD;
    }

    /**
     * Parses a name: the enum constant or the paper's name, case-insensitive.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static Architecture parse(String name) {
        for (Architecture a : values()) {
            if (a.name().equalsIgnoreCase(name) || a.paperName.equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "Unknown architecture '"
                        + name
                        + "': use StarGAN, DepthwiseG, DepthwiseDG or DeeperDepthwiseG.");
    }

    /**
     * Builds this architecture's configuration on a StarGAN-shaped base.
     *
     * @param imageSize image size
     * @param channels image channels
     * @param numDomains number of domains
     * @param gWidth generator base width
     * @param gResBlocks residual blocks
     * @param dWidth discriminator base width
     * @param dRepeat discriminator strided convolutions
     * @return the configuration
     */
    public ModelConfig config(
            int imageSize,
            int channels,
            int numDomains,
            int gWidth,
            int gResBlocks,
            int dWidth,
            int dRepeat) {
        Set<GeneratorStage> separableG =
                EnumSet.of(
                        GeneratorStage.INPUT,
                        GeneratorStage.DOWN,
                        GeneratorStage.RESIDUAL,
                        GeneratorStage.OUTPUT);
        Set<Integer> allButLast = new HashSet<>();
        for (int i = 0; i < dRepeat - 1; i++) {
            allButLast.add(i);
        }
        return switch (this) {
            case STARGAN ->
                    new ModelConfig(
                            imageSize,
                            channels,
                            numDomains,
                            gWidth,
                            gResBlocks,
                            2,
                            EnumSet.noneOf(GeneratorStage.class),
                            dWidth,
                            dRepeat,
                            Set.of());
            case DEPTHWISE_G ->
                    new ModelConfig(
                            imageSize,
                            channels,
                            numDomains,
                            gWidth,
                            gResBlocks,
                            2,
                            separableG,
                            dWidth,
                            dRepeat,
                            Set.of());
            case DEPTHWISE_DG ->
                    new ModelConfig(
                            imageSize,
                            channels,
                            numDomains,
                            gWidth,
                            gResBlocks,
                            2,
                            separableG,
                            dWidth,
                            dRepeat,
                            allButLast);
            case DEEPER_DEPTHWISE_G ->
                    new ModelConfig(
                            imageSize,
                            channels,
                            numDomains,
                            gWidth,
                            gResBlocks,
                            3,
                            separableG,
                            dWidth,
                            dRepeat,
                            Set.of());
        };
    }

    /** Returns the paper's setting: 128 px RGB, StarGAN's widths, 6 residual blocks, 6 D convs. */
    public ModelConfig paperConfig(int numDomains) {
        return config(128, 3, numDomains, 64, 6, 64, 6);
    }
}
