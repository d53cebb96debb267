package io.github.dwgan.fid;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Computes the kernel inception distance (KID) of Binkowski et al. (2018), "Demystifying MMD GANs",
 * Section 4: the unbiased estimate of the squared maximum mean discrepancy with the polynomial
 * kernel {@code k(x, y) = (x.y / d + 1)^3}, averaged over random subsets.
 *
 * <p>For subsets X, Y of m samples each, {@code MMD^2 = sum_{i != j} k(x_i, x_j) / (m (m - 1)) +
 * sum_{i != j} k(y_i, y_j) / (m (m - 1)) - 2 sum_{i, j} k(x_i, y_j) / m^2}, as in the paper's code
 * and torch-fidelity. Unlike FID it is unbiased, so it is the honest measure for the paper's 140
 * samples per point. Subsets are drawn without replacement, each subset independently of the
 * others; the subset size is capped at the smaller set's size.
 *
 * <p>Note: all features are held in memory, and the Gram matrices of the full sets are computed
 * once (3 matrices of n^2 doubles: 10,000 samples would need 2.4 GB; use subsets below that).
 */
public final class KernelInceptionDistance {

    /** torch-fidelity's default number of subsets. */
    public static final int DEFAULT_SUBSETS = 100;

    /** torch-fidelity's default subset size. */
    public static final int DEFAULT_SUBSET_SIZE = 1000;

    private KernelInceptionDistance() {}

    /**
     * Holds a KID estimate.
     *
     * @param mean the mean of the subset estimates (the KID)
     * @param std the population standard deviation of the subset estimates (what torch-fidelity
     *     reports as {@code kernel_inception_distance_std})
     * @param standardError {@code std / sqrt(subsets)}, the standard error of the mean treating
     *     subsets as independent (they overlap when sets are small, so it is optimistic then)
     * @param subsets the number of subsets
     * @param subsetSize the samples per subset
     */
    public record Result(
            double mean, double std, double standardError, int subsets, int subsetSize) {}

    /**
     * Returns the KID of two feature sets over random subsets.
     *
     * @param x the first set, one row per sample
     * @param y the second set, same dimension
     * @param subsets the number of subsets
     * @param subsetSize the samples per subset (capped at the smaller set's size)
     * @param random the source of the subsets (seed it for reproducible numbers)
     * @return the estimate
     */
    public static Result compute(
            double[][] x, double[][] y, int subsets, int subsetSize, Random random) {
        int m = Math.min(subsetSize, Math.min(x.length, y.length));
        int[][] ix = new int[subsets][];
        int[][] iy = new int[subsets][];
        for (int s = 0; s < subsets; s++) {
            ix[s] = sample(x.length, m, random);
            iy[s] = sample(y.length, m, random);
        }
        return compute(x, y, ix, iy);
    }

    /**
     * Returns the KID of two feature sets over given subsets.
     *
     * @param x the first set, one row per sample
     * @param y the second set, same dimension
     * @param ix for each subset, the rows of x in it (no repeats)
     * @param iy for each subset, the rows of y in it, as many as in ix
     * @return the estimate
     */
    public static Result compute(double[][] x, double[][] y, int[][] ix, int[][] iy) {
        if (x.length < 2 || y.length < 2) {
            throw new IllegalArgumentException(
                    "KID needs at least 2 samples per set, got " + x.length + " and " + y.length);
        }
        if (ix.length == 0 || ix.length != iy.length) {
            throw new IllegalArgumentException("need one or more subsets of each set, paired");
        }
        int d = x[0].length;
        if (y[0].length != d) {
            throw new IllegalArgumentException("dimensions differ: " + d + " vs " + y[0].length);
        }
        DMatrixRMaj kxx = kernel(x, x, d);
        DMatrixRMaj kyy = kernel(y, y, d);
        DMatrixRMaj kxy = kernel(x, y, d);

        double[] mmd = new double[ix.length];
        for (int s = 0; s < ix.length; s++) {
            mmd[s] = mmd2(kxx, kyy, kxy, ix[s], iy[s]);
        }
        double mean = 0;
        for (double v : mmd) {
            mean += v;
        }
        mean /= mmd.length;
        double var = 0;
        for (double v : mmd) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / mmd.length);
        return new Result(mean, std, std / Math.sqrt(mmd.length), mmd.length, ix[0].length);
    }

    /**
     * Returns the unbiased MMD^2 of one pair of subsets, indexed into precomputed Gram matrices.
     */
    static double mmd2(DMatrixRMaj kxx, DMatrixRMaj kyy, DMatrixRMaj kxy, int[] ix, int[] iy) {
        int m = ix.length;
        if (iy.length != m || m < 2) {
            throw new IllegalArgumentException("subsets need equal sizes of at least 2");
        }
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                if (a != b) {
                    sxx += kxx.get(ix[a], ix[b]);
                    syy += kyy.get(iy[a], iy[b]);
                }
                sxy += kxy.get(ix[a], iy[b]);
            }
        }
        return (sxx + syy) / ((double) m * (m - 1)) - 2 * sxy / ((double) m * m);
    }

    /** Returns the Gram matrix (a b^T / d + 1)^3. */
    static DMatrixRMaj kernel(double[][] a, double[][] b, int d) {
        DMatrixRMaj ma = new DMatrixRMaj(a);
        DMatrixRMaj mb = a == b ? ma : new DMatrixRMaj(b);
        DMatrixRMaj k = new DMatrixRMaj(a.length, b.length);
        CommonOps_DDRM.multTransB(ma, mb, k);
        for (int i = 0; i < k.data.length; i++) {
            double v = k.data[i] / d + 1;
            k.data[i] = v * v * v;
        }
        return k;
    }

    private static int[] sample(int n, int m, Random random) {
        // Partial Fisher-Yates shuffle: the first m of a random permutation.
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return java.util.Arrays.copyOf(perm, m);
    }
}
