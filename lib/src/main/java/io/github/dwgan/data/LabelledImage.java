package io.github.dwgan.data;

import java.nio.file.Path;

/**
 * Pairs an image file with its domain label vector.
 *
 * @param file the image file
 * @param label 0/1 values, one per domain of the dataset's {@link LabelSpace}
 */
public record LabelledImage(Path file, float[] label) {}
