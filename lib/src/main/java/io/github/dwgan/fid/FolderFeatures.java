package io.github.dwgan.fid;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Computes feature statistics of the images in a folder, batch by batch, with a progress bar. */
public final class FolderFeatures {

    /** pytorch-fid's image extensions. */
    public static final Set<String> EXTENSIONS =
            Set.of("bmp", "jpg", "jpeg", "pgm", "png", "ppm", "tif", "tiff", "webp");

    private FolderFeatures() {}

    /**
     * Holds the statistics of a folder and, when requested, its features (for KID).
     *
     * @param statistics the mean and covariance
     * @param features the feature rows, or null when not kept
     */
    public record Result(FeatureStatistics statistics, double[][] features) {}

    /**
     * Lists the image files directly in a folder (pytorch-fid does not recurse), sorted by name.
     * Files with extensions Java cannot decode (webp, tif without a plugin) fail later.
     *
     * @param dir the folder
     * @return the files
     * @throws IOException if the folder cannot be listed or has no images
     */
    public static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files =
                    s.filter(Files::isRegularFile)
                            .filter(p -> EXTENSIONS.contains(extension(p)))
                            .sorted()
                            .toList();
            if (files.isEmpty()) {
                throw new IOException("no images (" + EXTENSIONS + ") in " + dir);
            }
            return files;
        }
    }

    /**
     * Streams a folder through an extractor into mean and covariance.
     *
     * @param extractor the features
     * @param dir the folder of images
     * @param batchSize images per forward pass
     * @param keepFeatures whether to keep every feature row (needed for KID; n x d doubles)
     * @return the statistics and, if kept, the features
     * @throws IOException if an image cannot be read
     */
    public static Result compute(
            FeatureExtractor extractor, Path dir, int batchSize, boolean keepFeatures)
            throws IOException {
        List<Path> files = list(dir);
        StatisticsAccumulator acc = new StatisticsAccumulator(extractor.dimension());
        List<double[]> kept = keepFeatures ? new ArrayList<>(files.size()) : null;
        try (ProgressBar bar =
                new ProgressBarBuilder()
                        .setTaskName(dir.getFileName() + "")
                        .setInitialMax(files.size())
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUnit(" img", 1)
                        .build()) {
            for (int start = 0; start < files.size(); start += batchSize) {
                List<BufferedImage> batch = new ArrayList<>(batchSize);
                for (Path p : files.subList(start, Math.min(files.size(), start + batchSize))) {
                    batch.add(Images.read(p));
                }
                double[][] f = extractor.extract(batch);
                acc.addAll(f);
                if (kept != null) {
                    kept.addAll(List.of(f));
                }
                bar.stepBy(batch.size());
            }
        }
        return new Result(acc.statistics(), kept == null ? null : kept.toArray(double[][]::new));
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
