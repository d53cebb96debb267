package io.github.dwgan.data;

import java.util.List;
import java.util.Random;

/**
 * Serves a small synthetic dataset for tests, benchmarks and smoke runs: each of three single-label
 * domains is a bright square in its own position, with a little fixed texture; {@code poisoned}
 * turns every pixel into NaN (to test divergence handling).
 */
public final class SyntheticSquares implements DomainDataset {
    private final int size;
    private final int count;

    /** When set, every pixel read is NaN (to test divergence handling). */
    public volatile boolean poisoned;

    /**
     * Creates the dataset.
     *
     * @param size image side
     * @param count number of images
     */
    public SyntheticSquares(int size, int count) {
        this.size = size;
        this.count = count;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public LabelSpace labels() {
        return LabelSpace.singleLabel(List.of("left", "middle", "right"));
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int imageSize() {
        return size;
    }

    @Override
    public void read(
            int index,
            float[] pixels,
            int pixelOffset,
            float[] label,
            int labelOffset,
            Random augment) {
        int domain = index % 3;
        int x0 = domain * size / 3;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean on = x >= x0 && x < x0 + size / 3 && y >= size / 4 && y < 3 * size / 4;
                float noise = ((index * 31 + y * 7 + x) % 13) / 65f;
                pixels[pixelOffset + y * size + x] =
                        poisoned ? Float.NaN : (on ? 0.9f : -0.9f) + noise;
            }
        }
        for (int d = 0; d < 3; d++) {
            label[labelOffset + d] = d == domain ? 1f : 0f;
        }
    }

    @Override
    public String describe() {
        return "tiny synthetic squares (" + count + " images)";
    }
}
