package io.github.dwgan.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.github.dwgan.data.LabelKind;
import io.github.dwgan.engine.NativeArrays;
import java.util.function.UnaryOperator;

/**
 * Computes StarGAN's losses (Choi et al. 2018, equations 1-4): adversarial, domain classification
 * and L1 cycle reconstruction, plus the WGAN-GP gradient penalty.
 */
public final class Losses {
    private Losses() {}

    /** Returns -mean(out) for WGAN and BCE(out, 1) for the log-likelihood loss. */
    public static NDArray realTerm(AdversarialLoss kind, NDArray out) {
        return kind == AdversarialLoss.WGAN_GP ? out.mean().neg() : bceWithLogits(out, 1f);
    }

    /** Returns mean(out) for WGAN and BCE(out, 0) for the log-likelihood loss (D on fakes). */
    public static NDArray fakeTerm(AdversarialLoss kind, NDArray out) {
        return kind == AdversarialLoss.WGAN_GP ? out.mean() : bceWithLogits(out, 0f);
    }

    /** Returns the mean binary cross-entropy of logits against a constant target. */
    static NDArray bceWithLogits(NDArray logits, float target) {
        // log(1 + exp(-|x|)) + max(x, 0) - x * t: stable for large |x|. The target is 0 or 1, so
        // x * t is x or nothing (no scalar tensor enters the graph; see NativeArrays.scalar).
        NDArray loss = Activation.softPlus(logits.abs().neg()).add(Activation.relu(logits));
        if (target != 0f) {
            loss =
                    loss.sub(
                            target == 1f
                                    ? logits
                                    : logits.mul(NativeArrays.scalar(logits, target)));
        }
        return loss.mean();
    }

    /**
     * Returns the domain classification loss, as StarGAN's {@code classification_loss}: for
     * attribute labels the summed BCE over attributes averaged over the batch; for single labels
     * the softmax cross-entropy averaged over the batch.
     *
     * @param kind how labels are read
     * @param logits (N, D) domain logits
     * @param labels (N, D) 0/1 labels (one-hot for single labels)
     * @return the scalar loss
     */
    public static NDArray classification(LabelKind kind, NDArray logits, NDArray labels) {
        NDArray perImage = NativeArrays.scalar(logits, 1f / logits.getShape().get(0));
        if (kind == LabelKind.MULTI) {
            NDArray softplus = Activation.softPlus(logits.abs().neg());
            NDArray bce = softplus.add(Activation.relu(logits)).sub(logits.mul(labels));
            return bce.sum().mul(perImage);
        }
        return logits.logSoftmax(1).mul(labels).sum().neg().mul(perImage);
    }

    /** Returns mean(|a - b|), the cycle reconstruction loss. */
    public static NDArray l1(NDArray a, NDArray b) {
        return a.sub(b).abs().mean();
    }

    /**
     * Returns the WGAN-GP penalty mean((||d critic(xHat) / d xHat||_2 - 1)^2) as a differentiable
     * scalar, so that its gradient reaches the critic's parameters.
     *
     * <p>The input gradient is taken as PyTorch's {@code autograd.grad(out, xHat, ones,
     * create_graph=True)} (see {@link InputGradient}): nothing is accumulated into the parameters'
     * or xHat's {@code .grad}, and only the input-gradient path of the critic's backward pass runs.
     * Must run while gradients are recorded (inside an open gradient collector); {@code xHat} must
     * require gradients.
     *
     * <p>Note: an earlier version called {@code Tensor.backward(create_graph=True)} instead, which
     * left xHat's gradient holding a graph that reaches xHat: a reference cycle that leaked xHat
     * and its gradient every iteration (see {@link InputGradient}).
     *
     * @param critic maps xHat to the patch scores
     * @param xHat interpolates between real and fake images
     * @return the scalar penalty
     */
    public static NDArray gradientPenalty(UnaryOperator<NDArray> critic, NDArray xHat) {
        NDArray out = critic.apply(xHat);
        NDArray dydx = InputGradient.of(out, xHat);
        long n = dydx.getShape().get(0);
        NDArray norm = dydx.reshape(n, -1).square().sum(new int[] {1}).sqrt();
        return norm.sub(1f).square().mean();
    }
}
