package io.github.dwgan.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * Reads one split of a prepared cache ({@link PreparedCache}) by memory mapping: the operating
 * system pages images in on demand, so a 200k-image CelebA cache (about 9.8 GB at 128 px) needs no
 * more heap than a batch. Reads are thread-safe.
 */
public final class CachedDataset implements DomainDataset {

    /** The largest mapped segment; Java maps at most 2 GiB per buffer. */
    private static final long SEGMENT_BYTES = 1L << 30;

    private final Path dir;
    private final String split;
    private final CacheManifest manifest;
    private final Preprocessing pre;
    private final int[] index;
    private final byte[] labels;
    private final int labelDim;
    private final MappedByteBuffer[] segments;
    private final int imagesPerSegment;
    private final ThreadLocal<byte[]> scratch;

    private CachedDataset(
            Path dir,
            String split,
            CacheManifest manifest,
            int[] index,
            byte[] labels,
            MappedByteBuffer[] segments,
            int imagesPerSegment) {
        this.dir = dir;
        this.split = split;
        this.manifest = manifest;
        this.pre = manifest.preprocessing();
        this.index = index;
        this.labels = labels;
        this.labelDim = manifest.domains().size();
        this.segments = segments;
        this.imagesPerSegment = imagesPerSegment;
        this.scratch = ThreadLocal.withInitial(() -> new byte[pre.imageBytes()]);
    }

    /**
     * Opens a split of cache {@code name} in {@code dir}.
     *
     * @param dir folder of the cache
     * @param name cache name given to {@code prepare}
     * @param split "train", "test" or "all"
     * @return the dataset
     * @throws DatasetException when the cache is absent, incomplete or inconsistent
     */
    public static CachedDataset open(Path dir, String name, String split) throws IOException {
        Path manifestFile = PreparedCache.manifestPath(dir, name);
        if (!Files.isRegularFile(manifestFile)) {
            boolean started =
                    Files.exists(dir.resolve(name + ".dwgc.part"))
                            || Files.exists(dir.resolve(name + ".dwgc"));
            throw new DatasetException(
                    started
                            ? "Cache "
                                    + manifestFile
                                    + " is incomplete (preparation was interrupted): run"
                                    + " ./dwgan prepare again with --name "
                                    + name
                                    + "."
                            : "Cache "
                                    + manifestFile
                                    + " does not exist: prepare it with ./dwgan prepare --format"
                                    + " FORMAT --root DATASET_DIR --out "
                                    + dir
                                    + " --name "
                                    + name
                                    + " (FORMAT is celeba, rafd, stirling or folder; the"
                                    + " README's Datasets section gives the download and the"
                                    + " exact command).");
        }
        CacheManifest m = new ObjectMapper().readValue(manifestFile.toFile(), CacheManifest.class);
        Path data = dir.resolve(m.dataFile());
        if (!Files.isRegularFile(data) || Files.size(data) != m.dataBytes()) {
            throw new DatasetException(
                    "Cache data "
                            + data
                            + " is missing or has the wrong size"
                            + " for its manifest: run ./dwgan prepare again.");
        }
        int count = m.trainCount() + m.testCount();
        int imageBytes = m.preprocessing().imageBytes();
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.READ)) {
            checkHeader(ch, data, count, m);
            long tail = PreparedCache.HEADER_BYTES + (long) count * imageBytes;
            ByteBuffer t = ByteBuffer.allocate(count * (m.domains().size() + 1));
            while (t.hasRemaining() && ch.read(t, tail + t.position()) > 0) {
                // read until full
            }
            byte[] labels = new byte[count * m.domains().size()];
            t.flip().get(labels);
            int[] index = selectSplit(t, count, split);

            int perSegment = (int) Math.max(1, SEGMENT_BYTES / imageBytes);
            int n = (count + perSegment - 1) / perSegment;
            MappedByteBuffer[] segments = new MappedByteBuffer[n];
            for (int s = 0; s < n; s++) {
                int images = Math.min(perSegment, count - s * perSegment);
                segments[s] =
                        ch.map(
                                FileChannel.MapMode.READ_ONLY,
                                PreparedCache.HEADER_BYTES + (long) s * perSegment * imageBytes,
                                (long) images * imageBytes);
            }
            return new CachedDataset(dir, split, m, index, labels, segments, perSegment);
        }
    }

    private static void checkHeader(FileChannel ch, Path data, int count, CacheManifest m)
            throws IOException {
        ByteBuffer h = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(h, 0);
        h.flip();
        byte[] magic = new byte[8];
        h.get(magic);
        int version = h.getInt();
        if (!PreparedCache.MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))
                || version != PreparedCache.FORMAT_VERSION
                || h.getInt() != count
                || h.getInt() != m.preprocessing().channels()
                || h.getInt() != m.preprocessing().imageSize()) {
            throw new DatasetException(
                    "Cache data "
                            + data
                            + " does not match its manifest or"
                            + " this version (format "
                            + version
                            + "): run ./dwgan prepare again.");
        }
    }

    private static int[] selectSplit(ByteBuffer t, int count, String split) {
        int base = t.position();
        int[] all = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            boolean isTest = t.get(base + i) == 1;
            if (split.equals("all") || (split.equals("test") == isTest)) {
                all[n++] = i;
            }
        }
        if (!split.equals("all") && !split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException(
                    "Unknown split '" + split + "': use train, test" + " or all.");
        }
        return java.util.Arrays.copyOf(all, n);
    }

    /** Returns the manifest of this cache. */
    public CacheManifest manifest() {
        return manifest;
    }

    /**
     * Recomputes the data checksum and compares it with the manifest's.
     *
     * @return true when they agree
     */
    public boolean verify() throws IOException {
        CRC32C crc = new CRC32C();
        for (MappedByteBuffer s : segments) {
            crc.update(s.duplicate().clear());
        }
        int count = manifest.trainCount() + manifest.testCount();
        try (FileChannel ch = FileChannel.open(dir.resolve(manifest.dataFile()))) {
            long tail = PreparedCache.HEADER_BYTES + (long) count * pre.imageBytes();
            crc.update(ch.map(FileChannel.MapMode.READ_ONLY, tail, ch.size() - tail));
        }
        return Long.toHexString(crc.getValue()).equals(manifest.checksumCrc32c());
    }

    @Override
    public int size() {
        return index.length;
    }

    @Override
    public LabelSpace labels() {
        return manifest.labelSpace();
    }

    @Override
    public int channels() {
        return pre.channels();
    }

    @Override
    public int imageSize() {
        return pre.imageSize();
    }

    @Override
    public void read(
            int i,
            float[] pixels,
            int pixelOffset,
            float[] label,
            int labelOffset,
            Random augment) {
        int k = index[i];
        byte[] buf = scratch.get();
        segments[k / imagesPerSegment].get((k % imagesPerSegment) * buf.length, buf);
        pre.toFloats(buf, 0, pixels, pixelOffset, augment);
        for (int d = 0; d < labelDim; d++) {
            label[labelOffset + d] = labels[k * labelDim + d];
        }
    }

    /** Copies the stored 8-bit CHW pixels of example {@code i} into {@code dst}. */
    public void readBytes(int i, byte[] dst) {
        int k = index[i];
        segments[k / imagesPerSegment].get(
                (k % imagesPerSegment) * pre.imageBytes(), dst, 0, pre.imageBytes());
    }

    @Override
    public String describe() {
        return manifest.source()
                + " ["
                + split
                + ", "
                + size()
                + " images, cache "
                + dir.resolve(manifest.dataFile())
                + ", "
                + pre
                + "]";
    }
}
