package io.github.dwgan.eval;

import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.fid.ClassifierFeatureExtractor;
import io.github.dwgan.fid.FeatureExtractor;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes features of in-memory images for any {@link FeatureExtractor}. Every image is first
 * quantised to 8 bits, as if saved to PNG, so that generated and real images go through the same
 * path as pytorch-fid on image files.
 */
public final class Features {
    private static final int BATCH = 50;

    private Features() {}

    /**
     * Returns the features of n images.
     *
     * @param fx the extractor
     * @param pixels n channel-major images in [-1, 1]
     * @param n the number of images
     * @param channels 1 or 3
     * @param size image size
     * @return one row per image
     */
    public static double[][] of(
            FeatureExtractor fx, float[] pixels, int n, int channels, int size) {
        int plane = channels * size * size;
        double[][] out = new double[n][];
        for (int start = 0; start < n; start += BATCH) {
            int b = Math.min(BATCH, n - start);
            float[] chunk =
                    quantise(Arrays.copyOfRange(pixels, start * plane, (start + b) * plane));
            double[][] f;
            if (fx instanceof ClassifierFeatureExtractor c) {
                f = c.features(chunk, b);
            } else {
                List<BufferedImage> images = new ArrayList<>(b);
                for (int k = 0; k < b; k++) {
                    images.add(toImage(chunk, k * plane, channels, size));
                }
                f = fx.extract(images);
            }
            System.arraycopy(f, 0, out, start, b);
        }
        return out;
    }

    /** Returns the features of the listed images of a dataset. */
    public static double[][] of(FeatureExtractor fx, DomainDataset data, int[] indices) {
        return of(fx, read(data, indices), indices.length, data.channels(), data.imageSize());
    }

    /** Reads the listed images of a dataset, one after another, without augmentation. */
    public static float[] read(DomainDataset data, int[] indices) {
        int plane = data.channels() * data.imageSize() * data.imageSize();
        float[] px = new float[indices.length * plane];
        float[] label = new float[data.labels().size()];
        for (int i = 0; i < indices.length; i++) {
            data.read(indices[i], px, i * plane, label, 0, null);
        }
        return px;
    }

    /** Rounds [-1, 1] floats to the 256 levels of an 8-bit image (clamping), in place. */
    public static float[] quantise(float[] px) {
        for (int i = 0; i < px.length; i++) {
            px[i] = level(px[i]) / 127.5f - 1f;
        }
        return px;
    }

    private static int level(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
    }

    /** Converts one channel-major image in [-1, 1] to an 8-bit grey or RGB image. */
    public static BufferedImage toImage(float[] px, int offset, int channels, int size) {
        int plane = size * size;
        BufferedImage img =
                new BufferedImage(
                        size,
                        size,
                        channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = offset + y * size + x;
                if (channels == 1) {
                    r.setSample(x, y, 0, level(px[p]));
                } else {
                    int rgb =
                            (level(px[p]) << 16)
                                    | (level(px[p + plane]) << 8)
                                    | level(px[p + 2 * plane]);
                    img.setRGB(x, y, rgb);
                }
            }
        }
        return img;
    }
}
