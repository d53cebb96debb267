package io.github.dwgan.data;

import java.util.Random;

/**
 * A source of labelled images for multi-domain translation. Images come out as channel-major float
 * pixels in [-1, 1] (StarGAN's normalisation), already at the model's size.
 */
public interface DomainDataset {

    /** Returns the number of examples. */
    int size();

    /** Returns the domains and how labels are read. */
    LabelSpace labels();

    /** Returns the image channels (1 or 3). */
    int channels();

    /** Returns the image height and width in pixels. */
    int imageSize();

    /**
     * Copies example {@code index} into the given arrays.
     *
     * @param index example index in [0, size())
     * @param pixels destination of channels * imageSize * imageSize floats in [-1, 1]
     * @param pixelOffset where in {@code pixels} to write
     * @param label destination of {@code labels().size()} floats (0 or 1)
     * @param labelOffset where in {@code label} to write
     * @param augment random source for training-time augmentation (a horizontal flip), or null for
     *     none
     */
    void read(
            int index,
            float[] pixels,
            int pixelOffset,
            float[] label,
            int labelOffset,
            Random augment);

    /** Returns a short description for logs and provenance (source path, split, counts). */
    String describe();
}
