package io.github.dwgan.fid;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Maps images to feature vectors whose statistics a Frechet distance compares.
 *
 * <p>The distance is named after the features: {@link #distanceName()} is "FID" only for the FID
 * Inception with pytorch-fid's weights; other features give other numbers that must not be reported
 * as FID.
 */
public interface FeatureExtractor extends AutoCloseable {

    /** Returns a short description of the network and its weights, for provenance. */
    String name();

    /** Returns the name under which a Frechet distance on these features is reported. */
    String distanceName();

    /** Returns the length of each feature vector. */
    int dimension();

    /**
     * Computes the features of a batch of images, which may differ in size.
     *
     * @param images the images
     * @return one row of {@link #dimension()} values per image
     */
    double[][] extract(List<BufferedImage> images);

    /** Releases native memory. */
    @Override
    void close();
}
