package io.github.dwgan.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures images per second read from a prepared cache versus decoding, cropping and resizing the
 * source JPEGs on every read, and writes the numbers as CSV.
 *
 * <p>Usage: {@code CacheBenchmark <results.csv> [<cache-dir> <name>]}. Without a cache it makes
 * 1,000 synthetic 178 x 218 JPEGs (CelebA's size) in a temporary folder and prepares them first.
 * Reads are in random order with the training flip, into float arrays as the trainer reads them.
 */
public final class CacheBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(CacheBenchmark.class);

    private CacheBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the CSV path, then optionally the cache folder and name
     * @throws Exception when reading or writing fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1 && args.length != 3) {
            throw new IllegalArgumentException(
                    "Usage: CacheBenchmark <results.csv> [<cache-dir> <name>]");
        }
        Path csv = Paths.get(args[0]);
        Path dir = args.length == 3 ? Paths.get(args[1]) : synthetic();
        String name = args.length == 3 ? args[2] : "synthetic";
        int cores = Runtime.getRuntime().availableProcessors();

        CachedDataset cache = CachedDataset.open(dir, name, "all");
        List<Path> files =
                Files.readAllLines(PreparedCache.filesPath(dir, name)).stream()
                        .map(Paths::get)
                        .toList();
        Preprocessing pre = cache.manifest().preprocessing();
        List<String> rows = new ArrayList<>();
        rows.add("source,threads,images,seconds,images_per_sec,image_size");
        for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
            int n = Math.min(cache.size() * 4, 20_000);
            rows.add(
                    row(
                            "cache",
                            threads,
                            n,
                            pre,
                            time(
                                    threads,
                                    n,
                                    cache.size(),
                                    i -> {
                                        float[] px = new float[pre.imageBytes()];
                                        float[] lab = new float[cache.labels().size()];
                                        cache.read(i, px, 0, lab, 0, new Random(i));
                                    })));
            int m = Math.min(files.size(), 500);
            rows.add(
                    row(
                            "decode_jpeg",
                            threads,
                            m,
                            pre,
                            time(
                                    threads,
                                    m,
                                    files.size(),
                                    i -> {
                                        float[] px = new float[pre.imageBytes()];
                                        byte[] chw =
                                                pre.apply(
                                                        ImageDecoder.decode(
                                                                files.get(i), pre.channels()));
                                        pre.toFloats(chw, 0, px, 0, new Random(i));
                                    })));
        }
        if (csv.getParent() != null) {
            Files.createDirectories(csv.getParent());
        }
        Files.write(csv, rows);
        rows.forEach(r -> LOG.info("{}", r));
        LOG.info("Wrote {}", csv);
        if (args.length == 1) {
            deleteTree(dir.getParent());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private interface Read {
        void read(int index) throws Exception;
    }

    private static String row(String source, int threads, int n, Preprocessing pre, double sec) {
        return String.format(
                "%s,%d,%d,%.3f,%.1f,%d", source, threads, n, sec, n / sec, pre.imageSize());
    }

    /** Returns the seconds taken to read {@code n} random indices below {@code size}. */
    private static double time(int threads, int n, int size, Read read) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Random r = new Random(42);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = r.nextInt(size);
            }
            long t0 = System.nanoTime();
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                jobs.add(
                        pool.submit(
                                () -> {
                                    for (int i = first; i < n; i += threads) {
                                        read.read(order[i]);
                                    }
                                    return null;
                                }));
            }
            for (Future<?> j : jobs) {
                j.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes 1,000 synthetic CelebA-sized JPEGs in two domains and prepares them. */
    private static Path synthetic() throws IOException {
        Path root = Files.createTempDirectory("dwgan-bench");
        Random r = new Random(1);
        for (int i = 0; i < 1000; i++) {
            BufferedImage img = new BufferedImage(178, 218, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 218; y++) {
                for (int x = 0; x < 178; x++) {
                    img.setRGB(x, y, ((x + i) & 0xff) << 16 | (y & 0xff) << 8 | r.nextInt(64));
                }
            }
            Path f = root.resolve(i % 2 == 0 ? "a" : "b").resolve(i + ".jpg");
            Files.createDirectories(f.getParent());
            ImageIO.write(img, "jpeg", f.toFile());
        }
        DatasetListing l = ImageFolder.list(root, 2, Split.ALL_TRAIN, Preprocessing.CELEBA);
        Path dir = root.resolve("cache");
        PreparedCache.write(
                l, dir, "synthetic", Runtime.getRuntime().availableProcessors(), false, false);
        return dir;
    }
}
