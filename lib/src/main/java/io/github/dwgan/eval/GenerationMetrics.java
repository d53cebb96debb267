package io.github.dwgan.eval;

import ai.djl.ndarray.NDManager;
import io.github.dwgan.data.Datasets;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.data.LabelKind;
import io.github.dwgan.engine.ProjectHome;
import io.github.dwgan.fid.ClassifierFeatureExtractor;
import io.github.dwgan.fid.FeatureExtractor;
import io.github.dwgan.fid.FeatureStatistics;
import io.github.dwgan.fid.FrechetDistance;
import io.github.dwgan.fid.InceptionFeatureExtractor;
import io.github.dwgan.fid.InceptionWeights;
import io.github.dwgan.fid.KernelInceptionDistance;
import io.github.dwgan.fid.StatisticsAccumulator;
import io.github.dwgan.model.Generator;
import io.github.dwgan.train.PeriodicEvaluator;
import io.github.dwgan.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a generator on held-out images: M of them (a fixed, seeded choice) are translated to
 * random other domains, and the features of the translations are compared with those of the
 * held-out real images (up to {@value #REFERENCE_LIMIT}): a Frechet distance (named after the
 * features: "FID" with the Inception weights, "FCD" with the offline classifier) and KID with its
 * standard deviation over subsets. With the classifier, "target_acc" is the share of translations
 * it assigns to their target domain.
 *
 * <p>Note: the Frechet distance of M samples is biased upwards, strongly for small M (the paper's
 * 140): numbers are comparable only at equal M; KID is unbiased. The same M inputs and targets are
 * used at every evaluation, so a curve shows the generator's change, not sampling noise.
 */
public final class GenerationMetrics implements PeriodicEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationMetrics.class);

    /** Most held-out real images in the reference statistics. */
    public static final int REFERENCE_LIMIT = 10_000;

    /** Most reference images in the KID subsets (its Gram matrices grow as n^2). */
    public static final int KID_REFERENCE_LIMIT = 2_000;

    /** KID subsets per evaluation. */
    public static final int KID_SUBSETS = 100;

    /** Default folder of cached FCD classifiers. */
    public static final Path CLASSIFIER_CACHE =
            ProjectHome.resolve(Path.of("results", "fcd-classifier"));

    private final FeatureExtractor fx;
    private final boolean ownsExtractor;
    private final DomainDataset heldOut;
    private final Translations.Jobs jobs;
    private final FeatureStatistics reference;
    private final double[][] kidReference;
    private final long seed;

    /**
     * Prepares the reference statistics and the fixed translation jobs.
     *
     * @param fx the features
     * @param ownsExtractor whether {@link #close()} closes the extractor
     * @param heldOut held-out real images
     * @param samples M, the generated images per evaluation
     * @param seed seed of the inputs, targets and KID subsets
     */
    public GenerationMetrics(
            FeatureExtractor fx,
            boolean ownsExtractor,
            DomainDataset heldOut,
            int samples,
            long seed) {
        this.fx = fx;
        this.ownsExtractor = ownsExtractor;
        this.heldOut = heldOut;
        this.seed = seed;
        this.jobs = Translations.randomTargets(heldOut, samples, seed);
        int[] order = Translations.permutation(heldOut.size(), new Random(seed + 1));
        int[] ref = Arrays.copyOf(order, Math.min(order.length, REFERENCE_LIMIT));
        long t0 = System.nanoTime();
        StatisticsAccumulator acc = new StatisticsAccumulator(fx.dimension());
        double[][] kid = new double[Math.min(ref.length, KID_REFERENCE_LIMIT)][];
        int kept = 0;
        for (int start = 0; start < ref.length; start += 500) {
            int[] chunk = Arrays.copyOfRange(ref, start, Math.min(ref.length, start + 500));
            double[][] f = Features.of(fx, heldOut, chunk);
            acc.addAll(f);
            for (int i = 0; i < f.length && kept < kid.length; i++) {
                kid[kept++] = f[i];
            }
        }
        this.reference = acc.statistics();
        this.kidReference = kid;
        LOG.info(
                "{} reference: {} held-out images in {} s; {} generated per evaluation",
                fx.distanceName(),
                ref.length,
                String.format("%.1f", (System.nanoTime() - t0) / 1e9),
                jobs.n());
    }

    /**
     * Opens the held-out split of a run's dataset and the best available features: the FID
     * Inception when its weights file is present, else the offline classifier (trained and cached
     * under {@link #CLASSIFIER_CACHE} on the first call).
     */
    public static GenerationMetrics forRun(TrainConfig cfg) throws IOException {
        DomainDataset heldOut = Datasets.open(cfg, false);
        FeatureExtractor fx = extractorFor(cfg, heldOut);
        return new GenerationMetrics(fx, true, heldOut, cfg.fidSamples(), cfg.seed());
    }

    /** Returns the FID Inception when its weights are present, else the cached classifier. */
    public static FeatureExtractor extractorFor(TrainConfig cfg, DomainDataset heldOut)
            throws IOException {
        Path w = InceptionWeights.defaultPath();
        if (Files.exists(w)) {
            return InceptionFeatureExtractor.load(w);
        }
        LOG.info("No {}: using the offline classifier's features (FCD, not FID)", w);
        DomainDataset train = Datasets.open(cfg, true);
        return ClassifierFeatureExtractor.trainOrLoad(
                train, heldOut, CLASSIFIER_CACHE, ClassifierFeatureExtractor.Settings.defaults());
    }

    /** Returns the features used. */
    public FeatureExtractor extractor() {
        return fx;
    }

    /** Returns the generated images per evaluation. */
    public int samples() {
        return jobs.n();
    }

    @Override
    public Map<String, Double> evaluate(Generator g, NDManager manager, int iteration) {
        int c = heldOut.channels();
        int s = heldOut.imageSize();
        float[] fake = Translations.run(g, manager, jobs, c, s);
        double[][] f = Features.of(fx, fake, jobs.n(), c, s);
        StatisticsAccumulator acc = new StatisticsAccumulator(fx.dimension());
        acc.addAll(f);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(fx.distanceName(), FrechetDistance.compute(acc.statistics(), reference));
        KernelInceptionDistance.Result kid =
                KernelInceptionDistance.compute(
                        f,
                        kidReference,
                        KID_SUBSETS,
                        KernelInceptionDistance.DEFAULT_SUBSET_SIZE,
                        new Random(seed + iteration));
        out.put("KID", kid.mean());
        out.put("KID/std", kid.std());
        if (fx instanceof ClassifierFeatureExtractor cf
                && heldOut.labels().kind() == LabelKind.SINGLE) {
            out.put("target_acc", targetAccuracy(cf, Features.quantise(fake), jobs));
        }
        return out;
    }

    /** Returns the share of translations the classifier assigns to their target domain. */
    static double targetAccuracy(ClassifierFeatureExtractor cf, float[] fake, Translations.Jobs j) {
        int plane = fake.length / Math.max(1, j.n());
        int hits = 0;
        for (int start = 0; start < j.n(); start += 256) {
            int b = Math.min(256, j.n() - start);
            double[][] z =
                    cf.logits(Arrays.copyOfRange(fake, start * plane, (start + b) * plane), b);
            for (int k = 0; k < b; k++) {
                hits +=
                        ClassifierFeatureExtractor.argmax(z[k]) == j.targetDomain()[start + k]
                                ? 1
                                : 0;
            }
        }
        return hits / (double) j.n();
    }

    @Override
    public void close() {
        if (ownsExtractor) {
            fx.close();
        }
    }
}
