package io.github.dwgan.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.model.Discriminator;
import io.github.dwgan.model.Generator;
import io.github.dwgan.model.ModelConfig;
import io.github.dwgan.nn.Conv2dLayer;
import io.github.dwgan.nn.ConvTranspose2d;
import io.github.dwgan.nn.DepthwiseSeparableConv2d;
import org.junit.jupiter.api.Test;

/** Checks the multiply-add counts against counts worked out by hand. */
class FlopCounterTest {
    @Test
    void standardConvolution() {
        // 2 images, 8 output maps of 5x5, each output sums 3 channels x 3x3 taps:
        // 2 * 8 * 25 * 27 = 10,800.
        Conv2dLayer c = new Conv2dLayer(3, 8, 3, 1, 1, 1, true);
        assertEquals(10_800, FlopCounter.macs(c, new Shape(2, 3, 5, 5)));
    }

    @Test
    void depthwiseSeparableConvolution() {
        // Depthwise 3x3 stride 2 on 4 channels of 8x8: 4 maps of 4x4, 9 taps each = 576;
        // pointwise 4 -> 6 on 4x4: 6 * 16 * 4 = 384; total 960.
        DepthwiseSeparableConv2d c = new DepthwiseSeparableConv2d(4, 6, 3, 2, 1, false);
        assertEquals(960, FlopCounter.macs(c, new Shape(1, 4, 8, 8)));
    }

    @Test
    void transposedConvolutionAndChain() {
        // Transposed 4x4 stride 2, 2 -> 3 channels, 4x4 input: each of the 3 * 8 * 8 outputs
        // sees 2 x 2 taps per input channel: 192 * 2 * 4 = 1,536. Then ReLU (free) and a 1x1
        // convolution 3 -> 1 on 8x8: 64 * 3 = 192. Total 1,728.
        SequentialBlock s =
                new SequentialBlock()
                        .add(new ConvTranspose2d(2, 3, 1, false))
                        .add(Activation.reluBlock())
                        .add(new Conv2dLayer(3, 1, 1, 1, 0, 1, false));
        assertEquals(1_728, FlopCounter.macs(s, new Shape(1, 2, 4, 4)));
    }

    @Test
    void iterationCountsFollowTheDocumentedFormula() {
        ModelConfig mc = Architecture.DEPTHWISE_DG.config(32, 1, 3, 8, 2, 8, 4);
        Generator g = new Generator(mc);
        Discriminator d = new Discriminator(mc);
        double fg = 2.0 * FlopCounter.generatorMacs(g, 4);
        double fd = 2.0 * FlopCounter.discriminatorMacs(d, 4);
        assertArrayEquals(
                new double[] {fg + 12 * fd, 6 * fg + 3 * fd},
                FlopCounter.iterationFlops(g, d, 4),
                1e-6);
    }

    @Test
    void discriminatorOfOneConvolution() {
        // dRepeat 1 on 1-channel 4x4 images, width 2: conv 4x4 s2 p1 -> (2, 2, 2):
        // 2 * 4 * 16 = 128; src head 3x3 2 -> 1 on 2x2: 4 * 18 = 72; cls head 2x2 kernel
        // 2 -> 3 domains on 2x2 (output 1x1): 3 * 2 * 4 = 24. Total 224 per image.
        ModelConfig mc = Architecture.STARGAN.config(4, 1, 3, 8, 1, 2, 1);
        assertEquals(2 * 224, FlopCounter.discriminatorMacs(new Discriminator(mc), 2));
    }
}
