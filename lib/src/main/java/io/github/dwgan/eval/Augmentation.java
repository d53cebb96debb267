package io.github.dwgan.eval;

import ai.djl.ndarray.NDManager;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.data.LabelKind;
import io.github.dwgan.fid.FeatureExtractor;
import io.github.dwgan.model.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Asks whether translated images help as training data: a Tribuo classifier is trained on a few
 * real images per domain, and again with their translations to every other domain added (labelled
 * with the target domain); both are scored on held-out real images, over several seeds.
 *
 * <p>Note: the features must not have been trained on the labels of the full training set, or the
 * few-shot classifier would inherit them; the offline FCD classifier's features are therefore the
 * wrong choice here, and {@link PixelFeatureExtractor} is used where the Inception weights are
 * absent.
 */
public final class Augmentation {

    private Augmentation() {}

    /**
     * Holds one seed's result.
     *
     * @param seed the seed of the chosen images and the classifiers
     * @param realOnly held-out accuracy of the classifier trained on real images only
     * @param augmented held-out accuracy with the translations added
     * @param realImages real training images
     * @param translatedImages translations added
     */
    public record Row(
            long seed, double realOnly, double augmented, int realImages, int translatedImages) {}

    /**
     * Holds all seeds.
     *
     * @param perDomain real images per domain
     * @param features the features' description
     * @param rows one row per seed
     * @param provenance the last augmented model's Tribuo provenance
     */
    public record Result(int perDomain, String features, List<Row> rows, String provenance) {
        /** Returns the mean real-only accuracy. */
        public double realOnlyMean() {
            return mean(rows.stream().mapToDouble(Row::realOnly).toArray());
        }

        /** Returns the sample standard deviation of the real-only accuracy. */
        public double realOnlyStd() {
            return std(rows.stream().mapToDouble(Row::realOnly).toArray());
        }

        /** Returns the mean augmented accuracy. */
        public double augmentedMean() {
            return mean(rows.stream().mapToDouble(Row::augmented).toArray());
        }

        /** Returns the sample standard deviation of the augmented accuracy. */
        public double augmentedStd() {
            return std(rows.stream().mapToDouble(Row::augmented).toArray());
        }
    }

    /**
     * Runs the experiment for a generator: the one call for a run.
     *
     * @param g the generator
     * @param manager a manager on its device
     * @param train real training images (single-label)
     * @param heldOut real held-out images
     * @param fx the features
     * @param perDomain real images per domain
     * @param seeds how many seeds
     * @param testLimit most held-out images scored
     * @param seed the first seed
     * @return the result
     */
    public static Result run(
            Generator g,
            NDManager manager,
            DomainDataset train,
            DomainDataset heldOut,
            FeatureExtractor fx,
            int perDomain,
            int seeds,
            int testLimit,
            long seed) {
        if (train.labels().kind() != LabelKind.SINGLE) {
            throw new IllegalArgumentException(
                    "The augmentation experiment needs single-label domains");
        }
        List<String> domains = train.labels().names();
        int[] test =
                Arrays.copyOf(
                        Translations.permutation(heldOut.size(), new Random(seed)),
                        Math.min(testLimit, heldOut.size()));
        double[][] testX = Features.of(fx, heldOut, test);
        List<String> testY = labelsOf(heldOut, test);
        int[][] byDomain = byDomain(train);
        List<Row> rows = new ArrayList<>();
        String provenance = "";
        for (int s = 0; s < seeds; s++) {
            long sd = seed + s;
            Random rng = new Random(sd);
            int[] chosen = new int[perDomain * domains.size()];
            for (int d = 0; d < domains.size(); d++) {
                int[] perm = Translations.permutation(byDomain[d].length, rng);
                for (int k = 0; k < perDomain; k++) {
                    chosen[d * perDomain + k] = byDomain[d][perm[k]];
                }
            }
            double[][] realX = Features.of(fx, train, chosen);
            List<String> realY = labelsOf(train, chosen);
            Translations.Jobs jobs = Translations.everyOtherTarget(train, chosen);
            float[] fake = Translations.run(g, manager, jobs, train.channels(), train.imageSize());
            double[][] fakeX = Features.of(fx, fake, jobs.n(), train.channels(), train.imageSize());
            List<String> fakeY = new ArrayList<>();
            for (int t : jobs.targetDomain()) {
                fakeY.add(domains.get(t));
            }
            Comparison c = compare(realX, realY, fakeX, fakeY, testX, testY, sd);
            rows.add(new Row(sd, c.realOnly(), c.augmented(), realX.length, fakeX.length));
            provenance = c.provenance();
        }
        return new Result(perDomain, fx.name(), rows, provenance);
    }

    /**
     * Holds one comparison.
     *
     * @param realOnly accuracy trained on real features only
     * @param augmented accuracy trained on real and synthetic features
     * @param provenance the augmented model's provenance
     */
    public record Comparison(double realOnly, double augmented, String provenance) {}

    /** Trains on real, then on real plus synthetic features, and scores both on the test set. */
    public static Comparison compare(
            double[][] realX,
            List<String> realY,
            double[][] synthX,
            List<String> synthY,
            double[][] testX,
            List<String> testY,
            long seed) {
        DomainClassifier a = DomainClassifier.train(realX, realY, "few real images", seed);
        double accA = a.evaluate(testX, testY, "held-out real images").accuracy();
        double[][] allX = new double[realX.length + synthX.length][];
        System.arraycopy(realX, 0, allX, 0, realX.length);
        System.arraycopy(synthX, 0, allX, realX.length, synthX.length);
        List<String> allY = new ArrayList<>(realY);
        allY.addAll(synthY);
        DomainClassifier b =
                DomainClassifier.train(allX, allY, "few real images and their translations", seed);
        double accB = b.evaluate(testX, testY, "held-out real images").accuracy();
        return new Comparison(accA, accB, b.provenance());
    }

    /** Returns the domain name of each listed image of a single-label dataset. */
    static List<String> labelsOf(DomainDataset data, int[] indices) {
        int d = data.labels().size();
        int plane = data.channels() * data.imageSize() * data.imageSize();
        float[] px = new float[plane];
        float[] label = new float[d];
        List<String> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            data.read(i, px, 0, label, 0, null);
            int best = 0;
            for (int j = 1; j < d; j++) {
                if (label[j] > label[best]) {
                    best = j;
                }
            }
            out.add(data.labels().names().get(best));
        }
        return out;
    }

    private static int[][] byDomain(DomainDataset data) {
        List<String> names = data.labels().names();
        List<List<Integer>> lists = new ArrayList<>();
        names.forEach(n -> lists.add(new ArrayList<>()));
        int[] all = new int[data.size()];
        Arrays.setAll(all, i -> i);
        List<String> y = labelsOf(data, all);
        for (int i = 0; i < all.length; i++) {
            lists.get(names.indexOf(y.get(i))).add(i);
        }
        return lists.stream()
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    static double std(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
