package io.github.dwgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/**
 * Checks the fused Adam update against the formula evaluated independently, in double precision,
 * from the same gradients: every weight within a few float roundings, over several steps with a
 * changing learning rate (a wrong bias correction or moment would be off by about the learning
 * rate, some 10^5 roundings of a step).
 */
class AdamTest {
    private static final float B1 = 0.5f;
    private static final float B2 = 0.999f;

    @Test
    void fusedUpdateEqualsTheFormulaWithinFloatRounding() {
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
            List<double[]> refP = new ArrayList<>();
            List<double[]> refM = new ArrayList<>();
            List<double[]> refV = new ArrayList<>();
            for (NDArray p : ps) {
                float[] f = p.toFloatArray();
                double[] d = new double[f.length];
                for (int k = 0; k < f.length; k++) {
                    d[k] = f[k];
                }
                refP.add(d);
                refM.add(new double[f.length]);
                refV.add(new double[f.length]);
            }
            Adam adam = new Adam(net, base, B1, B2);
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
                    for (int i = 0; i < ps.size(); i++) {
                        float[] g = ps.get(i).getGradient().toFloatArray();
                        update(refP.get(i), refM.get(i), refV.get(i), g, lr, step);
                    }
                    adam.update(lr);
                }
                assertEquals(step, adam.step());
                for (int i = 0; i < ps.size(); i++) {
                    float[] got = ps.get(i).toFloatArray();
                    double[] want = refP.get(i);
                    for (int k = 0; k < got.length; k++) {
                        // A few roundings of the weight and of each step taken (at most lr).
                        double tol = 4 * step * (Math.ulp((float) want[k]) + Math.ulp(1e-3f));
                        assertEquals(want[k], got[k], tol, "step " + step + " param " + i);
                    }
                }
            }
        }
    }

    /** torch.optim.Adam's update, in double precision. */
    private static void update(double[] p, double[] m, double[] v, float[] g, double lr, int step) {
        double bc1 = 1 - Math.pow(B1, step);
        double bc2 = 1 - Math.pow(B2, step);
        for (int k = 0; k < p.length; k++) {
            m[k] = B1 * m[k] + (1 - B1) * g[k];
            v[k] = B2 * v[k] + (1 - B2) * (double) g[k] * g[k];
            p[k] -= lr / bc1 * m[k] / (Math.sqrt(v[k]) / Math.sqrt(bc2) + 1e-8);
        }
    }
}
