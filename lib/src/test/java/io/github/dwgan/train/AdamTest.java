package io.github.dwgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.dwgan.engine.Engines;
import io.github.dwgan.nn.Conv2dLayer;
import io.github.dwgan.nn.Init;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that the buffered Adam update equals, bit for bit, the plain formula. */
class AdamTest {
    @Test
    void bufferedUpdateEqualsThePlainFormulaBitForBit() {
        Engines.engine();
        try (NDManager base = NDManager.newBaseManager()) {
            SequentialBlock net =
                    new SequentialBlock()
                            .add(new Conv2dLayer(3, 8, 3, 1, 1, 1, true))
                            .add(new Conv2dLayer(8, 2, 1, 1, 0, 1, false));
            net.initialize(base, DataType.FLOAT32, new Shape(2, 3, 6, 6));
            Init.pytorchDefaults(net, 7);
            List<NDArray> ps = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                p.getValue().getArray().setRequiresGradient(true);
                ps.add(p.getValue().getArray());
            }
            List<NDArray> refP = new ArrayList<>();
            List<NDArray> refM = new ArrayList<>();
            List<NDArray> refV = new ArrayList<>();
            for (NDArray p : ps) {
                refP.add(p.duplicate());
                refM.add(p.zerosLike());
                refV.add(p.zerosLike());
            }
            Adam adam = new Adam(net, base, 0.5f, 0.999f);
            for (int step = 1; step <= 4; step++) {
                try (NDManager m = base.newSubManager()) {
                    NDArray x = m.randomNormal(new Shape(2, 3, 6, 6));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray y =
                                net.forward(new ParameterStore(m, false), new NDList(x), true)
                                        .singletonOrThrow();
                        gc.backward(y.square().mean());
                    }
                    float lr = 1e-3f / step;
                    plainUpdate(refP, refM, refV, ps, lr, step);
                    adam.update(lr);
                }
                for (int i = 0; i < ps.size(); i++) {
                    assertArrayEquals(refP.get(i).toFloatArray(), ps.get(i).toFloatArray());
                }
            }
        }
    }

    /** The update as first written: every operation allocates its result. */
    private static void plainUpdate(
            List<NDArray> p,
            List<NDArray> m,
            List<NDArray> v,
            List<NDArray> live,
            float lr,
            int step) {
        float b1 = 0.5f;
        float b2 = 0.999f;
        double bc1 = 1 - Math.pow(b1, step);
        double bc2 = 1 - Math.pow(b2, step);
        float stepSize = (float) (lr / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        for (int i = 0; i < p.size(); i++) {
            NDArray g = live.get(i).getGradient();
            m.get(i).muli(b1).addi(g.mul(1 - b1));
            v.get(i).muli(b2).addi(g.square().muli(1 - b2));
            NDArray denom = v.get(i).sqrt().muli(invSqrtBc2).addi(1e-8f);
            p.get(i).subi(m.get(i).div(denom).muli(stepSize));
        }
    }
}
