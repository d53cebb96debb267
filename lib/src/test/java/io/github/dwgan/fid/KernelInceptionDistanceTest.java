package io.github.dwgan.fid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelInceptionDistanceTest {

    @Test
    void matchesReferenceOnFixedSubsets() throws IOException {
        Map<String, Npz.Array> f = Fixtures.npz("kid.npz");
        double[][] x = f.get("x").toMatrix();
        double[][] y = f.get("y").toMatrix();
        int[][] ix = toInt(f.get("ix").toMatrix());
        int[][] iy = toInt(f.get("iy").toMatrix());
        KernelInceptionDistance.Result r = KernelInceptionDistance.compute(x, y, ix, iy);
        assertEquals(f.get("mean").data()[0], r.mean(), 1e-12);
        assertEquals(f.get("std").data()[0], r.std(), 1e-12);
        assertEquals(r.std() / Math.sqrt(5), r.standardError(), 1e-15);
        assertEquals(30, r.subsetSize());

        double[][] xs = Arrays.copyOf(x, 40);
        double[][] ys = Arrays.copyOf(y, 40);
        int[][] all = {java.util.stream.IntStream.range(0, 40).toArray()};
        assertEquals(
                f.get("first40").data()[0],
                KernelInceptionDistance.compute(xs, ys, all, all).mean(),
                1e-12);
    }

    @Test
    void isNearZeroForSamplesOfOneDistribution() {
        Random r = new Random(3);
        double[][] x = new double[200][4];
        double[][] y = new double[200][4];
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = r.nextGaussian();
                y[i][j] = r.nextGaussian();
            }
        }
        KernelInceptionDistance.Result same = KernelInceptionDistance.compute(x, y, 20, 100, r);
        for (double[] row : y) {
            row[0] += 1;
        }
        KernelInceptionDistance.Result shifted = KernelInceptionDistance.compute(x, y, 20, 100, r);
        // Unbiased: the same distribution gives a mean within a few standard deviations of 0.
        assertTrue(Math.abs(same.mean()) < 3 * same.std() + 1e-3, same.toString());
        assertTrue(shifted.mean() > 10 * same.std(), shifted.toString());
    }

    private static int[][] toInt(double[][] m) {
        int[][] out = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = Arrays.stream(m[i]).mapToInt(v -> (int) v).toArray();
        }
        return out;
    }
}
