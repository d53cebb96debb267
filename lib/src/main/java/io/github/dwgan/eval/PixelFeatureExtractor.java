package io.github.dwgan.eval;

import io.github.dwgan.fid.FeatureExtractor;
import io.github.dwgan.fid.Images;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Uses an image's pixels (RGB in [0, 1], or grey for 1-channel data) as its features: a label-free
 * baseline for classifiers where the Inception weights are absent. A Frechet distance on pixels is
 * reported as "pixel-FD".
 */
public final class PixelFeatureExtractor implements FeatureExtractor {
    private final int channels;
    private final int size;

    /**
     * Creates the extractor for images of one shape.
     *
     * @param channels 1 (grey, the first RGB channel) or 3
     * @param size image size in pixels
     */
    public PixelFeatureExtractor(int channels, int size) {
        this.channels = channels;
        this.size = size;
    }

    @Override
    public String name() {
        return "pixels (" + channels + " x " + size + " x " + size + ", in [0, 1])";
    }

    @Override
    public String distanceName() {
        return "pixel-FD";
    }

    @Override
    public int dimension() {
        return channels * size * size;
    }

    @Override
    public double[][] extract(List<BufferedImage> images) {
        double[][] out = new double[images.size()][];
        for (int i = 0; i < out.length; i++) {
            BufferedImage img = images.get(i);
            if (img.getWidth() != size || img.getHeight() != size) {
                throw new IllegalArgumentException("expected " + size + " px images");
            }
            float[] rgb = Images.toRgbChw(img);
            double[] f = new double[dimension()];
            for (int j = 0; j < f.length; j++) {
                f[j] = rgb[j];
            }
            out[i] = f;
        }
        return out;
    }

    @Override
    public void close() {}
}
