package io.github.dwgan.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists a dataset's labelled image files, split into training and test parts, before any pixel is
 * decoded. Readers ({@link CelebA}, {@link RaFD}, {@link Stirling}, {@link ImageFolder}) make one;
 * {@link SourceDataset} decodes it and {@link PreparedCache} stores it.
 *
 * @param source what was read (format and path), for manifests and logs
 * @param labels the domains
 * @param preprocessing the default crop and resize for this format
 * @param train training images
 * @param test test images
 */
public record DatasetListing(
        String source,
        LabelSpace labels,
        Preprocessing preprocessing,
        List<LabelledImage> train,
        List<LabelledImage> test) {

    /** Copies the lists. */
    public DatasetListing {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /** Returns the images of a split by name ("train" or "test"). */
    public List<LabelledImage> part(String split) {
        return switch (split) {
            case "train" -> train;
            case "test" -> test;
            default ->
                    throw new IllegalArgumentException(
                            "Unknown split '" + split + "': use train or test.");
        };
    }

    /** Returns how many images of {@code images} have each domain on, by domain name. */
    public Map<String, Integer> countsPerDomain(List<LabelledImage> images) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int d = 0; d < labels.size(); d++) {
            int n = 0;
            for (LabelledImage im : images) {
                n += im.label()[d] > 0.5f ? 1 : 0;
            }
            counts.put(labels.names().get(d), n);
        }
        return counts;
    }

    /** Returns a copy with another preprocessing (a user's crop or size). */
    public DatasetListing withPreprocessing(Preprocessing p) {
        return new DatasetListing(source, labels, p, train, test);
    }
}
