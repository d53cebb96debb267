package io.github.dwgan.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.github.dwgan.data.LabelKind;
import io.github.dwgan.engine.NativeArrays;
import java.util.List;
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
     * <p>DJL's public {@code GradientCollector} cannot build the graph of a gradient; the engine's
     * {@code JniUtils.backward(out, gradOut, keepGraph, createGraph)} can. Called plainly, it would
     * also accumulate d(sum critic(xHat))/d(theta), with its graph, into the parameters' gradients:
     * a wrong step, and a parameter-gradient reference cycle that keeps each iteration's graph
     * alive into the next. To make it equal PyTorch's {@code autograd.grad(out, xHat,
     * create_graph=True)}, the critic must read its parameters through a {@link
     * ViewParameterStore}, and the parameters (the leaves) stop requiring gradients for that one
     * call: libtorch's AccumulateGrad then skips them, while the views, made when they did require
     * gradients, keep the penalty linked to them. Must run inside an open gradient collector;
     * {@code xHat} must be a leaf that requires gradients.
     *
     * <p>Note: an earlier version cleared the parameters' gradients after the call instead; that
     * gives the same step but keeps each iteration's double-backward graph alive through the
     * gradients' history (the reference cycle libtorch warns about).
     *
     * <p>Note: xHat's own gradient still holds the double-backward graph, and resident memory grows
     * with the penalty (measured: about 15 MiB per 100 tiny iterations with WGAN-GP, flat with the
     * log-likelihood loss). DJL 0.33 has no call to clear a leaf's gradient or to take {@code
     * autograd.grad}; a JNI binding of {@code torch::autograd::grad} would remove it.
     *
     * @param critic maps xHat to the patch scores, reading parameters through a {@link
     *     ViewParameterStore}
     * @param xHat interpolates between real and fake images
     * @param params the critic's parameter arrays (the leaves)
     * @return the scalar penalty
     */
    public static NDArray gradientPenalty(
            UnaryOperator<NDArray> critic, NDArray xHat, List<NDArray> params) {
        NDArray out = critic.apply(xHat);
        params.forEach(p -> p.setRequiresGradient(false));
        try {
            JniUtils.backward((PtNDArray) out, (PtNDArray) out.onesLike(), true, true);
        } finally {
            params.forEach(p -> p.setRequiresGradient(true));
        }
        NDArray dydx = xHat.getGradient();
        long n = dydx.getShape().get(0);
        NDArray norm = dydx.reshape(n, -1).square().sum(new int[] {1}).sqrt();
        return norm.sub(1f).square().mean();
    }
}
