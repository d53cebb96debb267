package io.github.dwgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelConfusionMatrix;
import org.tribuo.impl.ArrayExample;
import tech.tablesaw.api.Table;

/** Checks the Tribuo domain-accuracy pipeline on synthetic features with known answers. */
class DomainAccuracyTest {
    private static final List<String> DOMAINS = List.of("a", "b", "c");

    @TempDir Path tmp;

    /** Gaussian clusters: class k centred at 4 on axis k, unit noise, plus 5 noise dimensions. */
    private static double[][] clusters(List<String> labels, int perClass, Random rng) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (int k = 0; k < DOMAINS.size(); k++) {
                double[] x = new double[8];
                for (int j = 0; j < x.length; j++) {
                    x[j] = rng.nextGaussian();
                }
                x[k] += 6;
                rows.add(x);
                labels.add(DOMAINS.get(k));
            }
        }
        return rows.toArray(double[][]::new);
    }

    @Test
    void separableFeaturesScoreNearOne() throws Exception {
        Random rng = new Random(1);
        List<String> ty = new ArrayList<>();
        List<String> ry = new ArrayList<>();
        List<String> fy = new ArrayList<>();
        double[][] tx = clusters(ty, 100, rng);
        double[][] rx = clusters(ry, 100, rng);
        double[][] fx = clusters(fy, 100, rng);
        DomainAccuracy.Report r = DomainAccuracy.score(tx, ty, rx, ry, fx, fy, DOMAINS, 3);
        assertTrue(r.realAccuracy() > 0.98, "real " + r.realAccuracy());
        assertTrue(r.translatedAccuracy() > 0.98, "translated " + r.translatedAccuracy());
        assertEquals(300, r.translatedCount());
        Table per = r.perDomain();
        for (int i = 0; i < 3; i++) {
            assertTrue(per.doubleColumn("f1").getDouble(i) > 0.95);
            assertEquals(100, per.intColumn("support").getInt(i));
        }
        assertTrue(r.provenance().contains("LinearSGDTrainer"), r.provenance());
        assertTrue(r.provenance().contains("MeanStdDevTransformation"));
        DomainAccuracy.write(r, tmp.resolve("out"), "test");
        assertTrue(
                Files.readString(tmp.resolve("out").resolve("summary.csv"))
                        .startsWith(
                                "real_accuracy,real_images,translated_accuracy,translations,"
                                        + "reference_accuracy,agreement"));
        for (String f :
                List.of(
                        "summary.csv",
                        "per-domain.csv",
                        "confusion.csv",
                        "confusion.png",
                        "confusion.svg",
                        "tribuo-provenance.txt")) {
            assertTrue(Files.size(tmp.resolve("out").resolve(f)) > 20, f);
        }
    }

    @Test
    void referenceJudgeAndAgreementAreCountedPerTranslation() {
        Random rng = new Random(5);
        List<String> ty = new ArrayList<>();
        List<String> fy = new ArrayList<>();
        double[][] tx = clusters(ty, 100, rng);
        double[][] fx = clusters(fy, 2, rng);
        DomainAccuracy.Report r = DomainAccuracy.score(tx, ty, tx, ty, fx, fy, DOMAINS, 3);
        assertTrue(Double.isNaN(r.agreement()) && Double.isNaN(r.referenceAccuracy()));
        List<String> ours = DomainAccuracy.predictions(r.translated());
        assertEquals(fy, ours, "separable clusters: every translation on target");

        // A second judge that is right on 4 of the 6 and disagrees with the first on those 2.
        List<String> other = new ArrayList<>(fy);
        other.set(0, DOMAINS.get((DOMAINS.indexOf(fy.get(0)) + 1) % 3));
        other.set(5, DOMAINS.get((DOMAINS.indexOf(fy.get(5)) + 2) % 3));
        DomainAccuracy.Report w = r.withReference(other, fy);
        assertEquals(4 / 6.0, w.referenceAccuracy(), 1e-12);
        assertEquals(4 / 6.0, w.agreement(), 1e-12);
        assertEquals(r.translatedAccuracy(), w.translatedAccuracy(), 0.0);
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> r.withReference(other.subList(0, 5), fy));
        assertTrue(e.getMessage().contains("6 translations scored but 5"), e.getMessage());
    }

    @Test
    void shuffledLabelsScoreNearChance() {
        // Labels shuffled away from the features: whatever the classifier learns, its accuracy on
        // labels independent of the features is binomial around 1/3 (standard error 0.016 here).
        Random rng = new Random(2);
        List<String> ty = new ArrayList<>();
        List<String> fy = new ArrayList<>();
        double[][] tx = clusters(ty, 200, rng);
        double[][] fx = clusters(fy, 300, rng);
        Collections.shuffle(ty, new Random(3));
        Collections.shuffle(fy, new Random(4));
        DomainAccuracy.Report r = DomainAccuracy.score(tx, ty, fx, fy, fx, fy, DOMAINS, 3);
        assertEquals(1 / 3.0, r.translatedAccuracy(), 0.08, "accuracy " + r.translatedAccuracy());
    }

    @Test
    void handMadeConfusionMatrixIsExact() {
        // Truth a,a,a,b,b,c,c,c,c; predicted a,a,b,b,c,c,c,c,a.
        String[] truth = {"a", "a", "a", "b", "b", "c", "c", "c", "c"};
        String[] pred = {"a", "a", "b", "b", "c", "c", "c", "c", "a"};
        var factory = new org.tribuo.classification.LabelFactory();
        MutableDataset<Label> ds =
                new MutableDataset<>(
                        new org.tribuo.provenance.SimpleDataSourceProvenance("hand", factory),
                        factory);
        List<Prediction<Label>> preds = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            var ex = new ArrayExample<>(new Label(truth[i]), new String[] {"x"}, new double[] {i});
            ds.add(ex);
            preds.add(new Prediction<>(new Label(pred[i]), 1, ex));
        }
        var cm = new LabelConfusionMatrix(ds.getOutputIDInfo(), preds);
        Table t = DomainAccuracy.confusion(cm, DOMAINS);
        int[][] expected = {{2, 1, 0}, {0, 1, 1}, {1, 0, 3}};
        for (int r = 0; r < 3; r++) {
            assertEquals(DOMAINS.get(r), t.stringColumn("domain").get(r));
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[r][c], t.intColumn(DOMAINS.get(c)).getInt(r), r + "," + c);
            }
        }
    }

    @Test
    void correctSyntheticDataHelpsAFewShotClassifier() {
        Random rng = new Random(4);
        List<String> ry = new ArrayList<>();
        List<String> sy = new ArrayList<>();
        List<String> ty = new ArrayList<>();
        double[][] rx = clusters(ry, 1, rng);
        double[][] sx = clusters(sy, 100, rng);
        double[][] tx = clusters(ty, 200, rng);
        var c = Augmentation.compare(rx, ry, sx, sy, tx, ty, 5);
        assertTrue(c.augmented() > 0.97, "augmented " + c.augmented());
        assertTrue(c.augmented() >= c.realOnly(), c.toString());
        // Wrong labels on the synthetic data must hurt.
        List<String> wrong = new ArrayList<>();
        for (String s : sy) {
            wrong.add(DOMAINS.get((DOMAINS.indexOf(s) + 1) % 3));
        }
        var w = Augmentation.compare(rx, ry, sx, wrong, tx, ty, 5);
        assertTrue(w.augmented() < 0.1, "mislabelled " + w.augmented());
    }

    @Test
    void spreadIsTheSampleStandardDeviation() {
        assertEquals(2.0, Augmentation.mean(new double[] {1, 2, 3}), 1e-12);
        assertEquals(1.0, Augmentation.std(new double[] {1, 2, 3}), 1e-12);
    }
}
