package io.github.dwgan.fid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrechetDistanceTest {

    @Test
    void isZeroForIdenticalStatistics() {
        Random r = new Random(1);
        double[][] x = new double[40][6];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextGaussian();
            }
        }
        StatisticsAccumulator acc = new StatisticsAccumulator(6);
        acc.addAll(x);
        FeatureStatistics s = acc.statistics();
        assertEquals(0, FrechetDistance.compute(s, s), 1e-12);
    }

    @Test
    void isDimensionForUnitMeanShiftWithIdentityCovariance() {
        int d = 7;
        double[] mu2 = new double[d];
        java.util.Arrays.fill(mu2, 1);
        FeatureStatistics a = new FeatureStatistics(new double[d], identity(d), 0);
        FeatureStatistics b = new FeatureStatistics(mu2, identity(d), 0);
        assertEquals(d, FrechetDistance.compute(a, b), 1e-12);
    }

    @Test
    void matchesHandWorkedDiagonalCase() {
        // Diagonal covariances: d^2 = sum (sqrt(a_i) - sqrt(b_i))^2 = (2-1)^2 + (3-2)^2 = 2.
        double[][] s1 = {{4, 0}, {0, 9}};
        double[][] s2 = {{1, 0}, {0, 4}};
        double[] mu = {0, 0};
        assertEquals(2, FrechetDistance.compute(mu, s1, mu, s2, 1e-6).distance(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"full_rank", "rank_deficient", "near_singular"})
    void matchesPytorchFidWithScipy(String name) throws IOException {
        Map<String, Npz.Array> f = Fixtures.npz("frechet_" + name + ".npz");
        FrechetDistance.Result r =
                FrechetDistance.compute(
                        f.get("mu1").data(),
                        f.get("sigma1").toMatrix(),
                        f.get("mu2").data(),
                        f.get("sigma2").toMatrix(),
                        FrechetDistance.DEFAULT_EPS);
        double expected = f.get("fid").data()[0];
        assertEquals(expected, r.distance(), 1e-6 * Math.abs(expected), name);
        assertFalse(r.offsetApplied());
        assertTrue(r.rootResidual() < FrechetDistance.ROOT_TOLERANCE, "" + r.rootResidual());
    }

    @ParameterizedTest
    @ValueSource(strings = {"full_rank", "rank_deficient"})
    void streamedStatisticsMatchNumpy(String name) throws IOException {
        Map<String, Npz.Array> f = Fixtures.npz("frechet_" + name + ".npz");
        double[][] x = f.get("x").toMatrix();
        StatisticsAccumulator acc = new StatisticsAccumulator(x[0].length);
        // Uneven batches, as from a data loader.
        for (int start = 0; start < x.length; start += 7) {
            acc.addAll(java.util.Arrays.copyOfRange(x, start, Math.min(x.length, start + 7)));
        }
        FeatureStatistics s = acc.statistics();
        assertEquals(x.length, s.count());
        assertArrayEquals(f.get("mu1").data(), s.mu(), 1e-12);
        double[][] sigma = f.get("sigma1").toMatrix();
        for (int i = 0; i < sigma.length; i++) {
            assertArrayEquals(sigma[i], s.sigma()[i], 1e-12);
        }
    }

    @Test
    void rejectsFewerThanTwoSamples() {
        StatisticsAccumulator acc = new StatisticsAccumulator(3);
        acc.add(new double[] {1, 2, 3});
        IllegalStateException e = assertThrows(IllegalStateException.class, acc::statistics);
        assertTrue(e.getMessage().contains("at least 2 samples, got 1"), e.getMessage());
    }

    @Test
    void rejectsCovarianceThatIsNotPositiveSemiDefinite() {
        double[][] bad = {{1, 0}, {0, -0.5}};
        double[] mu = {0, 0};
        assertThrows(
                ArithmeticException.class,
                () -> FrechetDistance.compute(mu, identity(2), mu, bad, 1e-6));
    }

    @Test
    void rejectsMismatchedDimensions() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        FrechetDistance.compute(
                                new double[2], identity(2), new double[3], identity(3), 1e-6));
    }

    static double[][] identity(int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            m[i][i] = 1;
        }
        return m;
    }
}
