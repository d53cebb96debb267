package io.github.dwgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepares miniature datasets into caches and reads them back. */
class PreparedCacheTest {

    @TempDir Path root;

    private DatasetListing celeba(int n, int test) throws IOException {
        CelebAFixture.write(root.resolve("celeba"), n);
        return CelebA.list(
                root.resolve("celeba"), CelebA.STARGAN_ATTRIBUTES, new Split(1234, test));
    }

    @Test
    void cacheHoldsTheSamePixelsAndLabelsAsDecodingTheFiles() throws IOException {
        DatasetListing l = celeba(10, 3).withPreprocessing(new Preprocessing(178, 32, 3));
        Path out = root.resolve("cache");

        CacheManifest m = PreparedCache.write(l, out, "celeba", 2, false, false);

        assertEquals(7, m.trainCount());
        assertEquals(3, m.testCount());
        assertEquals(l.countsPerDomain(l.train()), m.countsPerDomain().get("train"));
        assertFalse(Files.exists(out.resolve("celeba.dwgc.part")));
        for (String split : List.of("train", "test")) {
            CachedDataset cached = CachedDataset.open(out, "celeba", split);
            SourceDataset source = new SourceDataset(l, split);
            assertEquals(source.size(), cached.size());
            assertEquals(l.labels(), cached.labels());
            int len = 3 * 32 * 32;
            for (int i = 0; i < source.size(); i++) {
                float[] a = new float[len + 1];
                float[] b = new float[len + 1];
                float[] la = new float[6];
                float[] lb = new float[6];
                source.read(i, a, 1, la, 1, null);
                cached.read(i, b, 1, lb, 1, null);
                assertArrayEquals(a, b, split + " " + i);
                assertArrayEquals(la, lb);
                assertArrayEquals(l.part(split).get(i).label(), Arrays.copyOfRange(lb, 1, 6));
            }
            assertTrue(cached.verify());
        }
        assertEquals(10, CachedDataset.open(out, "celeba", "all").size());
    }

    @Test
    void flipMirrorsEachRow() throws IOException {
        DatasetListing l = celeba(2, 0).withPreprocessing(new Preprocessing(178, 16, 3));
        PreparedCache.write(l, root.resolve("c"), "x", 1, false, false);
        CachedDataset d = CachedDataset.open(root.resolve("c"), "x", "train");
        float[] plain = new float[768];
        float[] flipped = new float[768];
        float[] label = new float[5];
        d.read(0, plain, 0, label, 0, null);
        d.read(0, flipped, 0, label, 0, new Random(0));

        assertTrue(new Random(0).nextBoolean(), "seed 0 draws a flip first");
        for (int row = 0; row < 48; row++) {
            for (int x = 0; x < 16; x++) {
                assertEquals(plain[row * 16 + x], flipped[row * 16 + 15 - x]);
            }
        }
    }

    @Test
    void interruptedPreparationNeverLooksComplete() throws IOException {
        DatasetListing l = celeba(3, 0).withPreprocessing(new Preprocessing(178, 8, 3));
        Path out = root.resolve("c");
        PreparedCache.write(l, out, "x", 1, false, false);
        // Simulate a second run killed half way: it deleted the manifest and left a part file.
        Files.delete(out.resolve("x.json"));
        Files.writeString(out.resolve("x.dwgc.part"), "partial");

        DatasetException e =
                assertThrows(DatasetException.class, () -> CachedDataset.open(out, "x", "train"));
        assertEquals(
                "Cache "
                        + out.resolve("x.json")
                        + " is incomplete (preparation was"
                        + " interrupted): run ./dwgan prepare again with --name x.",
                e.getMessage());

        PreparedCache.write(l, out, "x", 1, false, false);
        assertEquals(3, CachedDataset.open(out, "x", "train").size());
        assertFalse(Files.exists(out.resolve("x.dwgc.part")));
    }

    @Test
    void corruptedDataFailsTheChecksum() throws IOException {
        DatasetListing l = celeba(2, 0).withPreprocessing(new Preprocessing(178, 8, 3));
        Path out = root.resolve("c");
        PreparedCache.write(l, out, "x", 1, false, false);
        try (FileChannel ch = FileChannel.open(out.resolve("x.dwgc"), StandardOpenOption.WRITE)) {
            ch.write(
                    java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), PreparedCache.HEADER_BYTES + 5);
        }

        assertFalse(CachedDataset.open(out, "x", "train").verify());
    }

    @Test
    void corruptImageFailsOrIsSkippedWithACount() throws IOException {
        DatasetListing l = celeba(5, 0).withPreprocessing(new Preprocessing(178, 8, 3));
        Path bad = l.train().get(2).file();
        byte[] bytes = Files.readAllBytes(bad);
        Files.write(bad, Arrays.copyOf(bytes, bytes.length / 3));
        Path out = root.resolve("c");

        CorruptImageException e =
                assertThrows(
                        CorruptImageException.class,
                        () -> PreparedCache.write(l, out, "x", 2, false, false));
        assertTrue(e.getMessage().startsWith("Image " + bad + " is corrupt or truncated"));
        assertFalse(Files.exists(out.resolve("x.json")));

        CacheManifest m = PreparedCache.write(l, out, "x", 2, true, false);
        assertEquals(4, m.trainCount());
        assertEquals(List.of(bad.toString()), m.skippedFiles());
        CachedDataset d = CachedDataset.open(out, "x", "train");
        float[] px = new float[192];
        float[] lab = new float[5];
        d.read(2, px, 0, lab, 0, null); // the image after the skipped one
        assertArrayEquals(l.train().get(3).label(), lab);
        Map<String, Integer> counts = m.countsPerDomain().get("train");
        assertEquals(5, counts.size());
    }
}
