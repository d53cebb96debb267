package io.github.dwgan.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.dwgan.data.LabelKind;
import io.github.dwgan.engine.NativeArrays;
import io.github.dwgan.loss.AdversarialLoss;
import io.github.dwgan.loss.Losses;
import io.github.dwgan.model.Discriminator;
import io.github.dwgan.model.Generator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes one discriminator or generator update of StarGAN's training (Choi et al. 2018, section
 * 3; DepthwiseGANs algorithm 1), returning the named losses.
 *
 * <p>Public so that the speed benchmark ({@code io.github.dwgan.bench}) times exactly the step the
 * trainer runs.
 */
public final class GanStep {
    private final Generator g;
    private final Discriminator d;
    private final TrainConfig cfg;
    private final LabelKind labelKind;
    private final List<Parameter> dParams;
    private final List<Parameter> gParams;

    /**
     * Creates the step for a pair of initialised models.
     *
     * @param g the generator
     * @param d the discriminator
     * @param cfg the loss weights and the adversarial loss
     * @param labelKind how labels are read (single or multi-label)
     */
    public GanStep(Generator g, Discriminator d, TrainConfig cfg, LabelKind labelKind) {
        this.g = g;
        this.d = d;
        this.cfg = cfg;
        this.labelKind = labelKind;
        this.dParams = d.getParameters().stream().map(Pair::getValue).toList();
        this.gParams = g.getParameters().stream().map(Pair::getValue).toList();
    }

    /** Thrown when a loss is NaN or infinite; nothing has been applied to the weights. */
    public static final class NonFiniteLossException extends RuntimeException {
        NonFiniteLossException(String name, double value) {
            super(name + " is " + value);
        }
    }

    /**
     * Trains D to tell real from fake and to classify real images' domains: adversarial terms on
     * real and (detached) fake images, the domain loss on real images and, for WGAN-GP, the
     * gradient penalty on random interpolates. Gradients are left on D's parameters.
     *
     * @param m manager of this step's arrays
     * @param real real images (N, C, H, W)
     * @param labels their labels (N, D)
     * @param targets target labels (N, D)
     * @param alpha interpolation weights (N, 1, 1, 1)
     * @return the named losses
     */
    public Map<String, Double> discriminator(
            NDManager m, NDArray real, NDArray labels, NDArray targets, NDArray alpha) {
        ParameterStore ps = new ParameterStore(m, false);
        AdversarialLoss kind = cfg.adversarialLoss();
        zero(dParams);
        Map<String, Double> out = new LinkedHashMap<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss;
            // The forward's arrays close before the backward, as Python drops them: the graph
            // holds what the backward needs and frees it as it goes (a lower peak).
            // Shortcoming: a timing process still peaks at 1.3-1.4x PyTorch's resident memory at
            // 128 px batch 4, down from 1.7-1.9x, without growth; the rest is not traced, and
            // StarGAN's D step got about 7% slower with this scope (docs/bench.md).
            try (NDScope forward = new NDScope()) {
                NDList onReal = d.forward(ps, new NDList(real), true);
                NDArray lossReal = Losses.realTerm(kind, onReal.get(0));
                NDArray lossCls = Losses.classification(labelKind, onReal.get(1), labels);

                NDArray fake = withoutGradients(() -> translate(ps, real, targets));
                NDArray lossFake =
                        Losses.fakeTerm(kind, d.forward(ps, new NDList(fake), true).get(0));
                loss = lossReal.add(lossFake).add(weighted(lossCls, cfg.lambdaCls()));
                out.put("D/loss_real", finite("D/loss_real", lossReal));
                out.put("D/loss_fake", finite("D/loss_fake", lossFake));
                out.put("D/loss_cls", finite("D/loss_cls", lossCls));

                if (kind == AdversarialLoss.WGAN_GP) {
                    NDArray xHat = alpha.mul(real).add(alpha.neg().add(1f).mul(fake));
                    xHat.setRequiresGradient(true);
                    NDArray gp =
                            Losses.gradientPenalty(
                                    x -> d.forward(ps, new NDList(x), true).get(0), xHat);
                    out.put("D/loss_gp", finite("D/loss_gp", gp));
                    loss = loss.add(weighted(gp, cfg.lambdaGp()));
                }
                out.put("D/loss", finite("D/loss", loss));
                NDScope.unregister(loss);
            }
            gc.backward(loss);
        }
        return out;
    }

    /**
     * Trains G to fool D, to reach the target domain and to reconstruct the input from its
     * translation (the cycle loss). Gradients are left on G's parameters.
     *
     * @param m manager of this step's arrays
     * @param real real images
     * @param labels their labels
     * @param targets target labels
     * @return the named losses
     */
    public Map<String, Double> generator(
            NDManager m, NDArray real, NDArray labels, NDArray targets) {
        ParameterStore ps = new ParameterStore(m, false);
        AdversarialLoss kind = cfg.adversarialLoss();
        zero(gParams);
        Map<String, Double> out = new LinkedHashMap<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss;
            try (NDScope forward = new NDScope()) { // as in the D step
                NDArray fake = translate(ps, real, targets);
                NDList onFake = d.forward(ps, new NDList(fake), true);
                NDArray lossFake = Losses.realTerm(kind, onFake.get(0));
                NDArray lossCls = Losses.classification(labelKind, onFake.get(1), targets);
                NDArray rec = translate(ps, fake, labels);
                NDArray lossRec = Losses.l1(real, rec);
                loss =
                        lossFake.add(weighted(lossRec, cfg.lambdaRec()))
                                .add(weighted(lossCls, cfg.lambdaCls()));
                out.put("G/loss_fake", finite("G/loss_fake", lossFake));
                out.put("G/loss_rec", finite("G/loss_rec", lossRec));
                out.put("G/loss_cls", finite("G/loss_cls", lossCls));
                out.put("G/loss", finite("G/loss", loss));
                NDScope.unregister(loss);
            }
            gc.backward(loss);
        }
        return out;
    }

    /**
     * Returns {@code lambda * loss}, the factor in libtorch-owned memory (see NativeArrays: a
     * Java-backed scalar in the graph can be freed before the backward reads it).
     */
    private static NDArray weighted(NDArray loss, double lambda) {
        return loss.mul(NativeArrays.scalar(loss, (float) lambda));
    }

    /** Returns G(x, c). */
    NDArray translate(ParameterStore ps, NDArray x, NDArray c) {
        return g.forward(ps, new NDList(x, c), true).singletonOrThrow();
    }

    /** Runs {@code body} with autograd recording off (used for D's view of fakes). */
    static NDArray withoutGradients(java.util.function.Supplier<NDArray> body) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(was);
        }
    }

    private static void zero(List<Parameter> params) {
        for (Parameter p : params) {
            JniUtils.zeroGrad((PtNDArray) p.getArray());
        }
    }

    private static double finite(String name, NDArray scalar) {
        double v = scalar.getFloat();
        if (!Double.isFinite(v)) {
            throw new NonFiniteLossException(name, v);
        }
        return v;
    }
}
