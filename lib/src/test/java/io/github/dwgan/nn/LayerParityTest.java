package io.github.dwgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dwgan.Fixtures;
import io.github.dwgan.engine.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the engine workarounds against PyTorch 1.13 on committed fixtures: the transposed
 * convolution and instance norm, forward and gradients, within 1e-5 in float32.
 */
class LayerParityTest {
    private static final double TOL = 1e-5;

    @BeforeAll
    static void engine() {
        Engines.configure(0);
    }

    @Test
    void transposedConvolutionMatchesPyTorch() {
        JsonNode all = Fixtures.json("core/conv_transpose.json");
        for (String name : new String[] {"dense", "denseBias", "depthwise"}) {
            JsonNode c = all.get(name);
            long[] ws = Fixtures.shape(c.get("weight")).getShape();
            int groups = c.get("groups").asInt();
            int in = (int) ws[0];
            int out = (int) ws[1] * groups;
            ConvTranspose2d layer = new ConvTranspose2d(in, out, groups, c.has("bias"));
            check(name, layer, c);
        }
    }

    @Test
    void instanceNormMatchesPyTorch() {
        JsonNode c = Fixtures.json("core/instance_norm.json");
        int channels = (int) Fixtures.shape(c.get("weight")).get(0);
        check("instanceNorm", new InstanceNorm2d(channels), c);
    }

    private static void check(String name, Block layer, JsonNode c) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = Fixtures.array(m, c.get("x"));
            layer.initialize(m, DataType.FLOAT32, x.getShape());
            Parameter w = layer.getParameters().get("weight");
            w.getArray().set(Fixtures.floats(c.get("weight")));
            Parameter b = c.has("bias") ? layer.getParameters().get("bias") : null;
            if (b != null) {
                b.getArray().set(Fixtures.floats(c.get("bias")));
            }
            layer.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
            x.setRequiresGradient(true);
            NDArray gradOut = Fixtures.array(m, c.get("gradOut"));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y =
                        layer.forward(new ParameterStore(m, false), new NDList(x), true)
                                .singletonOrThrow();
                assertEquals(Fixtures.shape(c.get("y")), y.getShape(), name + " shape");
                assertTrue(Fixtures.maxRelDiff(y, c.get("y")) < TOL, name + " forward");
                gc.backward(y.mul(gradOut).sum());
            }
            assertTrue(Fixtures.maxRelDiff(x.getGradient(), c.get("gradX")) < TOL, name + " dx");
            assertTrue(
                    Fixtures.maxRelDiff(w.getArray().getGradient(), c.get("gradWeight")) < TOL,
                    name + " dW");
            if (b != null) {
                assertTrue(
                        Fixtures.maxRelDiff(b.getArray().getGradient(), c.get("gradBias")) < TOL,
                        name + " db");
            }
        }
    }
}
