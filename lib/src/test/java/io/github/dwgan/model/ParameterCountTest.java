package io.github.dwgan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks the parameter counts of the four architectures at the paper's size. */
class ParameterCountTest {

    @Test
    void starGanMatchesTheReferenceCodeExactly() {
        ModelConfig c = Architecture.STARGAN.paperConfig(5);
        assertEquals(8_430_528L, Models.countParameters(new Generator(c)));
        assertEquals(44_762_048L, Models.countParameters(new Discriminator(c)));
    }

    @Test
    void depthwiseLayoutsHaveTheirWorkedOutCounts() {
        // Counts worked out by hand in the README's parameter table.
        ModelConfig g = Architecture.DEPTHWISE_G.paperConfig(5);
        assertEquals(1_525_128L, Models.countParameters(new Generator(g)));
        assertEquals(44_762_048L, Models.countParameters(new Discriminator(g)));
        ModelConfig dg = Architecture.DEPTHWISE_DG.paperConfig(5);
        assertEquals(1_525_128L, Models.countParameters(new Generator(dg)));
        assertEquals(34_329_776L, Models.countParameters(new Discriminator(dg)));
        ModelConfig deep = Architecture.DEEPER_DEPTHWISE_G.paperConfig(5);
        assertEquals(6_152_072L, Models.countParameters(new Generator(deep)));
    }

    @Test
    void deeperGeneratorHasElevenSeparableLayers() {
        ModelConfig c = Architecture.DEEPER_DEPTHWISE_G.paperConfig(5);
        int layers = 0;
        if (c.gDepthwise().contains(GeneratorStage.INPUT)) {
            layers++;
        }
        if (c.gDepthwise().contains(GeneratorStage.DOWN)) {
            layers += c.gDownsamplings();
        }
        if (c.gDepthwise().contains(GeneratorStage.RESIDUAL)) {
            layers += c.gResBlocks();
        }
        if (c.gDepthwise().contains(GeneratorStage.OUTPUT)) {
            layers++;
        }
        assertEquals(11, layers);
    }

    @Test
    void badConfigurationsAreRejectedWithAHint() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Architecture.STARGAN.config(32, 1, 3, 16, 2, 16, 6));
        assertTrue(e.getMessage().contains("does not suit the discriminator"), e.getMessage());
        assertTrue(e.getMessage().contains("dRepeat 5"), e.getMessage());
        IllegalArgumentException one =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Architecture.STARGAN.config(32, 1, 1, 16, 2, 16, 4));
        assertTrue(one.getMessage().contains("at least two domains"), one.getMessage());
    }
}
