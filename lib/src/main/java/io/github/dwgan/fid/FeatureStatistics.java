package io.github.dwgan.fid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Holds the mean and covariance of a set of feature vectors, as pytorch-fid's {@code mu} and {@code
 * sigma}.
 *
 * @param mu the mean, of length d
 * @param sigma the unbiased (n - 1) covariance, d by d
 * @param count the number of samples behind the statistics, or 0 when unknown (a loaded file)
 */
public record FeatureStatistics(double[] mu, double[][] sigma, long count) {

    /** Checks that the shapes agree. */
    public FeatureStatistics {
        if (sigma.length != mu.length) {
            throw new IllegalArgumentException(
                    "sigma has " + sigma.length + " rows but mu has " + mu.length + " values");
        }
        for (double[] row : sigma) {
            if (row.length != mu.length) {
                throw new IllegalArgumentException("sigma is not " + mu.length + " x " + mu.length);
            }
        }
    }

    /** Returns the feature dimension d. */
    public int dimension() {
        return mu.length;
    }

    /**
     * Saves the statistics as pytorch-fid does ({@code numpy.savez(path, mu=mu, sigma=sigma)}),
     * both arrays as float64.
     *
     * @param file the {@code .npz} file to write
     * @throws IOException if writing fails
     */
    public void save(Path file) throws IOException {
        Map<String, Npz.Array> arrays = new LinkedHashMap<>();
        arrays.put("mu", Npz.Array.of(mu));
        arrays.put("sigma", Npz.Array.of(sigma));
        Npz.write(file, arrays);
    }

    /**
     * Loads statistics from an {@code .npz} file with arrays {@code mu} and {@code sigma}, such as
     * one written by {@code python -m pytorch_fid --save-stats}.
     *
     * @param file the {@code .npz} file
     * @return the statistics, with an unknown (0) sample count
     * @throws IOException if the file cannot be read or lacks either array
     */
    public static FeatureStatistics load(Path file) throws IOException {
        Map<String, Npz.Array> arrays = Npz.read(file);
        Npz.Array mu = arrays.get("mu");
        Npz.Array sigma = arrays.get("sigma");
        if (mu == null || sigma == null) {
            throw new IOException(
                    file + " holds " + arrays.keySet() + "; FID statistics need 'mu' and 'sigma'");
        }
        if (mu.shape().length != 1) {
            throw new IOException(file + ": 'mu' must be one-dimensional");
        }
        try {
            return new FeatureStatistics(mu.data(), sigma.toMatrix(), 0);
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
