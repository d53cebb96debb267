package io.github.dwgan.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a dataset once into a compact cache: cropped and resized 8-bit images, labels, and a
 * JSON manifest. {@link CachedDataset} reads it back by memory mapping.
 *
 * <p>Layout of {@code <name>.dwgc} (little-endian): a 4096-byte header (magic "DWGCACHE", version,
 * count, channels, image size, label length), then the images as CHW bytes one after another (train
 * first, then test), then one byte per label entry (0/1), then one split byte per image (0 train, 1
 * test). The data goes to {@code <name>.dwgc.part} and the manifest to {@code <name>.json.part};
 * both are renamed at the end, manifest last, so an interrupted run leaves no manifest and is never
 * taken for a complete cache. A new run restarts from scratch.
 */
public final class PreparedCache {

    /** Data file layout version. */
    public static final int FORMAT_VERSION = 1;

    /** Bytes before the first image. */
    public static final int HEADER_BYTES = 4096;

    /** First 8 bytes of a data file. */
    public static final String MAGIC = "DWGCACHE";

    private static final Logger LOG = LoggerFactory.getLogger(PreparedCache.class);
    private static final int CHUNK = 256;

    private PreparedCache() {}

    /** Returns the manifest path of cache {@code name} in {@code dir}. */
    public static Path manifestPath(Path dir, String name) {
        return dir.resolve(name + ".json");
    }

    /** Returns the list of source files, one per stored image in cache order. */
    public static Path filesPath(Path dir, String name) {
        return dir.resolve(name + ".files.txt");
    }

    /**
     * Decodes, crops and resizes every image of {@code listing} and writes the cache.
     *
     * @param listing what to prepare
     * @param dir output folder (created)
     * @param name cache name; files are {@code name.dwgc} and {@code name.json}
     * @param threads decoding threads
     * @param skipCorrupt leave out corrupt images with a warning instead of failing
     * @param progress show a console progress bar
     * @return the manifest written
     * @throws IOException when the output cannot be written
     */
    public static CacheManifest write(
            DatasetListing listing,
            Path dir,
            String name,
            int threads,
            boolean skipCorrupt,
            boolean progress)
            throws IOException {
        Files.createDirectories(dir);
        Path data = dir.resolve(name + ".dwgc");
        Path manifest = manifestPath(dir, name);
        Path dataPart = dir.resolve(name + ".dwgc.part");
        Path manifestPart = dir.resolve(name + ".json.part");
        // The old manifest goes first, so a half-replaced cache never looks complete.
        Files.deleteIfExists(manifest);
        Files.deleteIfExists(manifestPart);

        Preprocessing p = listing.preprocessing();
        List<LabelledImage> all = new ArrayList<>(listing.train());
        all.addAll(listing.test());
        List<String> skipped = new ArrayList<>();
        List<LabelledImage> kept = new ArrayList<>();
        List<Boolean> keptIsTest = new ArrayList<>();
        CRC32C crc = new CRC32C();

        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try (FileChannel ch =
                        FileChannel.open(
                                dataPart,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING,
                                StandardOpenOption.WRITE);
                ProgressBar bar = progressBar(progress, name, all.size())) {
            ch.position(HEADER_BYTES);
            for (int start = 0; start < all.size(); start += CHUNK) {
                int end = Math.min(all.size(), start + CHUNK);
                List<Future<byte[]>> jobs = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    LabelledImage im = all.get(i);
                    jobs.add(
                            pool.submit(
                                    () -> p.apply(ImageDecoder.decode(im.file(), p.channels()))));
                }
                for (int i = start; i < end; i++) {
                    byte[] img = get(jobs.get(i - start), all.get(i), skipCorrupt, skipped);
                    if (img != null) {
                        writeFully(ch, ByteBuffer.wrap(img), crc);
                        kept.add(all.get(i));
                        keptIsTest.add(i >= listing.train().size());
                    }
                    if (bar != null) {
                        bar.step();
                    }
                }
            }
            writeTail(ch, listing.labels().size(), kept, keptIsTest, crc);
            writeHeader(ch, kept.size(), p, listing.labels().size());
            ch.force(true);
        } finally {
            pool.shutdownNow();
        }
        if (!skipped.isEmpty()) {
            LOG.warn(
                    "Skipped {} corrupt images (listed in the manifest), e.g. {}",
                    skipped.size(),
                    skipped.get(0));
        }

        CacheManifest m = manifest(listing, kept, keptIsTest, skipped, data, dataPart, crc);
        List<String> names = new ArrayList<>();
        kept.forEach(im -> names.add(im.file().toString()));
        Files.write(filesPath(dir, name), names);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(manifestPart.toFile(), m);
        Files.move(
                dataPart,
                data,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(
                manifestPart,
                manifest,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        LOG.info(
                "Prepared {} ({} train, {} test) into {}",
                name,
                m.trainCount(),
                m.testCount(),
                data);
        return m;
    }

    private static ProgressBar progressBar(boolean show, String name, int max) {
        return show
                ? new ProgressBarBuilder()
                        .setTaskName("prepare " + name)
                        .setInitialMax(max)
                        .showSpeed()
                        .build()
                : null;
    }

    private static byte[] get(
            Future<byte[]> job, LabelledImage im, boolean skipCorrupt, List<String> skipped)
            throws IOException {
        try {
            return job.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while preparing " + im.file(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof DatasetException d) {
                if (skipCorrupt && d instanceof CorruptImageException) {
                    LOG.warn("Skipping {}", d.getMessage());
                    skipped.add(im.file().toString());
                    return null;
                }
                throw d;
            }
            throw new IOException("Failed to prepare " + im.file() + ": " + e.getCause(), e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, CRC32C crc) throws IOException {
        crc.update(b.duplicate());
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static void writeTail(
            FileChannel ch,
            int labelDim,
            List<LabelledImage> kept,
            List<Boolean> isTest,
            CRC32C crc)
            throws IOException {
        ByteBuffer labels = ByteBuffer.allocate(kept.size() * labelDim);
        for (LabelledImage im : kept) {
            for (int d = 0; d < labelDim; d++) {
                labels.put((byte) (im.label()[d] > 0.5f ? 1 : 0));
            }
        }
        writeFully(ch, labels.flip(), crc);
        ByteBuffer split = ByteBuffer.allocate(kept.size());
        for (boolean t : isTest) {
            split.put((byte) (t ? 1 : 0));
        }
        writeFully(ch, split.flip(), crc);
    }

    private static void writeHeader(FileChannel ch, int count, Preprocessing p, int labelDim)
            throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt(FORMAT_VERSION).putInt(count).putInt(p.channels()).putInt(p.imageSize());
        h.putInt(labelDim);
        h.position(0);
        ch.write(h, 0);
    }

    private static CacheManifest manifest(
            DatasetListing l,
            List<LabelledImage> kept,
            List<Boolean> isTest,
            List<String> skipped,
            Path data,
            Path dataPart,
            CRC32C crc)
            throws IOException {
        List<LabelledImage> train = new ArrayList<>();
        List<LabelledImage> test = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            (isTest.get(i) ? test : train).add(kept.get(i));
        }
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        counts.put("train", l.countsPerDomain(train));
        counts.put("test", l.countsPerDomain(test));
        LabelSpace s = l.labels();
        return new CacheManifest(
                FORMAT_VERSION,
                l.source(),
                s.names(),
                s.kind(),
                s.exclusiveGroups(),
                l.preprocessing(),
                "Pillow-exact antialiased bilinear (triangle filter, support x scale)",
                train.size(),
                test.size(),
                counts,
                skipped,
                data.getFileName().toString(),
                Files.size(dataPart),
                Long.toHexString(crc.getValue()),
                Instant.now().toString());
    }
}
