package io.github.dwgan.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.dwgan.data.LabelKind;
import io.github.dwgan.engine.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks each loss against values worked out by hand. */
class LossesTest {

    @BeforeAll
    static void engine() {
        Engines.configure(0);
    }

    @Test
    void wassersteinTermsAreMeans() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = m.create(new float[] {1f, 2f, 3f, 6f}, new Shape(1, 1, 2, 2));
            assertEquals(-3.0, Losses.realTerm(AdversarialLoss.WGAN_GP, out).getFloat(), 1e-6);
            assertEquals(3.0, Losses.fakeTerm(AdversarialLoss.WGAN_GP, out).getFloat(), 1e-6);
        }
    }

    @Test
    void logLikelihoodTermsAreBinaryCrossEntropies() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = m.create(new float[] {0f, 2f}, new Shape(2, 1, 1, 1));
            // -log(sigmoid(0)) = log 2; -log(sigmoid(2)) = log(1 + e^-2).
            double real = (Math.log(2) + Math.log1p(Math.exp(-2))) / 2;
            // -log(1 - sigmoid(x)) = log(1 + e^x).
            double fake = (Math.log(2) + Math.log1p(Math.exp(2))) / 2;
            assertEquals(
                    real, Losses.realTerm(AdversarialLoss.LOG_LIKELIHOOD, out).getFloat(), 1e-6);
            assertEquals(
                    fake, Losses.fakeTerm(AdversarialLoss.LOG_LIKELIHOOD, out).getFloat(), 1e-6);
            NDArray big = m.create(new float[] {-200f}, new Shape(1, 1, 1, 1));
            assertEquals(
                    200.0, Losses.realTerm(AdversarialLoss.LOG_LIKELIHOOD, big).getFloat(), 1e-3);
        }
    }

    @Test
    void classificationLossesFollowStarGan() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits =
                    m.create(new float[] {0f, (float) Math.log(2), 0f, 0f}, new Shape(2, 2));
            NDArray labels = m.create(new float[] {1f, 0f, 0f, 1f}, new Shape(2, 2));
            // Single label: row 1 softmax(0, ln 2) gives p0 = 1/3; row 2 gives 1/2.
            double ce = (Math.log(3) + Math.log(2)) / 2;
            assertEquals(
                    ce, Losses.classification(LabelKind.SINGLE, logits, labels).getFloat(), 1e-6);
            // Multi label: BCE summed over attributes, averaged over the batch.
            double l2 = Math.log(2);
            double bce = (l2 + Math.log1p(2) + l2 + l2) / 2;
            assertEquals(
                    bce, Losses.classification(LabelKind.MULTI, logits, labels).getFloat(), 1e-6);
        }
    }

    @Test
    void reconstructionIsMeanAbsoluteError() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1f, -1f, 0.5f, 0f});
            NDArray b = m.create(new float[] {0f, 1f, 0.5f, -1f});
            assertEquals(1.0, Losses.l1(a, b).getFloat(), 1e-6);
        }
    }
}
