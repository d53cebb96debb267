package io.github.dwgan.fid;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accumulates the mean and covariance of feature vectors one batch at a time, in double precision,
 * without holding the vectors.
 *
 * <p>Uses Welford's update: for each sample x, {@code mean += (x - mean) / n} and the co-moment
 * {@code C += (x - mean_old)(x - mean_new)^T}; the covariance is {@code C / (n - 1)}, equal to
 * {@code numpy.cov(act, rowvar=False)} in pytorch-fid. Only the upper triangle is updated. Not
 * thread-safe.
 */
public final class StatisticsAccumulator {

    private static final Logger LOG = LoggerFactory.getLogger(StatisticsAccumulator.class);

    private final int dim;
    private final double[] mean;
    private final double[] comoment;
    private final double[] delta;
    private long count;

    /**
     * Creates an empty accumulator.
     *
     * @param dim the feature dimension d (2048 for the FID Inception)
     */
    public StatisticsAccumulator(int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dim);
        }
        this.dim = dim;
        this.mean = new double[dim];
        this.comoment = new double[dim * dim];
        this.delta = new double[dim];
    }

    /**
     * Adds one feature vector.
     *
     * @param x a vector of length d
     */
    public void add(double[] x) {
        if (x.length != dim) {
            throw new IllegalArgumentException("expected " + dim + " features, got " + x.length);
        }
        count++;
        for (int i = 0; i < dim; i++) {
            delta[i] = x[i] - mean[i];
            mean[i] += delta[i] / count;
        }
        for (int i = 0; i < dim; i++) {
            double di = delta[i];
            int row = i * dim;
            for (int j = i; j < dim; j++) {
                comoment[row + j] += di * (x[j] - mean[j]);
            }
        }
    }

    /**
     * Adds a batch of feature vectors stored row by row.
     *
     * @param batch rows of length d
     */
    public void addAll(double[][] batch) {
        for (double[] x : batch) {
            add(x);
        }
    }

    /** Returns the number of vectors added. */
    public long count() {
        return count;
    }

    /** Returns the feature dimension d. */
    public int dimension() {
        return dim;
    }

    /**
     * Returns the mean and unbiased covariance of the vectors added so far.
     *
     * <p>Warns when there are fewer samples than dimensions: the covariance then has rank at most n
     * - 1 &lt; d, and the Frechet distance computed from it is strongly biased.
     *
     * @return the statistics
     * @throws IllegalStateException if fewer than 2 vectors were added
     */
    public FeatureStatistics statistics() {
        if (count < 2) {
            throw new IllegalStateException("a covariance needs at least 2 samples, got " + count);
        }
        if (count - 1 < dim) {
            LOG.warn(
                    "Covariance of {} samples in {} dimensions has rank at most {} < {}: it is"
                            + " singular and the Frechet distance is biased upward; use more"
                            + " samples or report KID beside it",
                    count,
                    dim,
                    count - 1,
                    dim);
        }
        double[][] sigma = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                double v = comoment[i * dim + j] / (count - 1);
                sigma[i][j] = v;
                sigma[j][i] = v;
            }
        }
        return new FeatureStatistics(mean.clone(), sigma, count);
    }
}
