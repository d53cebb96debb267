package io.github.dwgan.train;

import io.github.dwgan.data.DomainDataset;
import java.util.Random;

/**
 * Draws the batch of every iteration as a pure function of (seed, iteration): epochs visit the
 * dataset in a seeded shuffled order, and augmentation and target labels use a random source seeded
 * by the iteration. A resumed run therefore sees exactly the batches it would have seen, with no
 * sampler state to checkpoint.
 */
public final class BatchSampler {
    private final DomainDataset data;
    private final int batchSize;
    private final long seed;
    private int cachedEpoch = -1;
    private int[] order;

    /** A batch on the host: pixels, original labels and target labels, row-major. */
    public record HostBatch(float[] pixels, float[] labels, float[] targets, int size) {}

    /**
     * Creates the sampler.
     *
     * @param data the dataset
     * @param batchSize images per batch
     * @param seed the run's seed
     */
    public BatchSampler(DomainDataset data, int batchSize, long seed) {
        if (data.size() < batchSize) {
            throw new IllegalArgumentException(
                    "The dataset has "
                            + data.size()
                            + " images, fewer than one batch of "
                            + batchSize
                            + ": "
                            + data.describe());
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** Returns a random source for iteration {@code i} and purpose {@code stream}. */
    public Random random(int i, int stream) {
        return new Random(seed * 0x9E3779B97F4A7C15L + i * 31L + stream);
    }

    /**
     * Returns the batch of 0-based iteration {@code i}, with target labels drawn as a random
     * permutation of the batch's own labels (StarGAN's {@code label_org[randperm]}).
     */
    public synchronized HostBatch batch(int i) {
        int plane = data.channels() * data.imageSize() * data.imageSize();
        int d = data.labels().size();
        float[] px = new float[batchSize * plane];
        float[] labels = new float[batchSize * d];
        Random aug = random(i, 1);
        for (int k = 0; k < batchSize; k++) {
            long pos = (long) i * batchSize + k;
            int epoch = (int) (pos / data.size());
            int within = (int) (pos % data.size());
            data.read(orderOf(epoch)[within], px, k * plane, labels, k * d, aug);
        }
        int[] perm = permutation(batchSize, random(i, 2));
        float[] targets = new float[labels.length];
        for (int k = 0; k < batchSize; k++) {
            System.arraycopy(labels, perm[k] * d, targets, k * d, d);
        }
        return new HostBatch(px, labels, targets, batchSize);
    }

    private int[] orderOf(int epoch) {
        if (epoch != cachedEpoch) {
            order = permutation(data.size(), new Random(seed + 7919L * epoch));
            cachedEpoch = epoch;
        }
        return order;
    }

    /** Returns a uniformly random permutation of 0..n-1 (Fisher-Yates). */
    static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
