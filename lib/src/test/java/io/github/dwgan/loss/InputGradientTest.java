package io.github.dwgan.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.dwgan.engine.Engines;
import io.github.dwgan.engine.NativeArrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link InputGradient} on a function whose first and second derivatives are worked out by
 * hand, and that it accumulates nothing into any gradient (the property that keeps memory flat).
 */
class InputGradientTest {

    @BeforeAll
    static void engine() {
        Engines.configure(0);
    }

    @Test
    void gradientIsExactDifferentiableAndAccumulatesNothing() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] xs = {1f, -2f, 0.5f};
            float[] ws = {3f, 0.25f, -1f};
            NDArray x = NativeArrays.copyOf(m, xs, new ai.djl.ndarray.types.Shape(3));
            NDArray w = NativeArrays.copyOf(m, ws, new ai.djl.ndarray.types.Shape(3));
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // Define w's and x's gradients as zeros first, so that "nothing accumulated" can
                // be read back afterwards.
                gc.backward(w.mul(x).sum().mul(NativeArrays.scalar(w, 0f)));
                JniUtils.zeroGrad((PtNDArray) w);
                JniUtils.zeroGrad((PtNDArray) x);

                // out = w * x^3, so d(sum out)/dx = 3 w x^2.
                NDArray out = w.mul(x).mul(x).mul(x);
                NDArray g = InputGradient.of(out, x);
                float[] expected = new float[3];
                for (int i = 0; i < 3; i++) {
                    expected[i] = 3 * ws[i] * xs[i] * xs[i];
                }
                assertArrayEquals(expected, g.toFloatArray(), 1e-6f);
                assertArrayEquals(new float[3], w.getGradient().toFloatArray(), 0f);
                assertArrayEquals(new float[3], x.getGradient().toFloatArray(), 0f);

                // The gradient is differentiable: d(sum 3 w x^2)/dw = 3 x^2, /dx = 6 w x.
                gc.backward(g.sum());
            }
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(
                        new float[] {3 * xs[i] * xs[i], 6 * ws[i] * xs[i]},
                        new float[] {
                            w.getGradient().toFloatArray()[i], x.getGradient().toFloatArray()[i]
                        },
                        1e-5f);
            }
        }
    }
}
