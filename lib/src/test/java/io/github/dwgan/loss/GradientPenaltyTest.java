package io.github.dwgan.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dwgan.Fixtures;
import io.github.dwgan.engine.Engines;
import io.github.dwgan.nn.Conv2dLayer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the WGAN-GP penalty and its gradients with respect to every critic parameter against
 * PyTorch's {@code autograd.grad(create_graph=True)} on a committed fixture.
 */
class GradientPenaltyTest {

    @BeforeAll
    static void engine() {
        Engines.configure(0);
    }

    @Test
    void penaltyAndParameterGradientsMatchPyTorch() {
        JsonNode f = Fixtures.json("core/gradient_penalty.json");
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock critic =
                    new SequentialBlock()
                            .add(new Conv2dLayer(2, 4, 4, 2, 1, 1, true))
                            .add(Activation.leakyReluBlock(0.01f))
                            .add(new Conv2dLayer(4, 8, 4, 2, 1, 1, true))
                            .add(Activation.leakyReluBlock(0.01f))
                            .add(new Conv2dLayer(8, 1, 3, 1, 1, 1, false));
            NDArray real = Fixtures.array(m, f.get("real"));
            NDArray fake = Fixtures.array(m, f.get("fake"));
            NDArray alpha = Fixtures.array(m, f.get("alpha"));
            critic.initialize(m, DataType.FLOAT32, real.getShape());
            List<String> names =
                    List.of("c1.weight", "c1.bias", "c2.weight", "c2.bias", "head.weight");
            List<Parameter> params = critic.getParameters().stream().map(Pair::getValue).toList();
            assertEquals(names.size(), params.size());
            for (int i = 0; i < names.size(); i++) {
                params.get(i).getArray().set(Fixtures.floats(f.get("params").get(names.get(i))));
                params.get(i).getArray().setRequiresGradient(true);
            }
            NDArray xHat = alpha.mul(real).add(alpha.neg().add(1f).mul(fake));
            xHat.setRequiresGradient(true);
            ParameterStore ps = new ParameterStore(m, false);
            float penalty;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray gp =
                        Losses.gradientPenalty(
                                x -> critic.forward(ps, new NDList(x), true).singletonOrThrow(),
                                xHat);
                penalty = gp.getFloat();
                gc.backward(gp);
            }
            assertEquals(f.get("penalty").asDouble(), penalty, 1e-5);
            for (int i = 0; i < names.size(); i++) {
                double diff =
                        Fixtures.maxRelDiff(
                                params.get(i).getArray().getGradient(),
                                f.get("grads").get(names.get(i)));
                assertTrue(diff < 1e-5, names.get(i) + " gradient differs by " + diff);
            }
        }
    }
}
