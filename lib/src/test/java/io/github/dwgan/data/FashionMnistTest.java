package io.github.dwgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads IDX files written here in Fashion-MNIST's exact format. */
class FashionMnistTest {
    @TempDir Path dir;

    /** Writes 6 images: image i has label i % 10 * ... and pixel (y, x) = i * 10 + x. */
    private void writeFixture() throws IOException {
        int n = 6;
        int[] labels = {5, 7, 9, 0, 5, 9};
        try (DataOutputStream out =
                new DataOutputStream(
                        new GZIPOutputStream(
                                Files.newOutputStream(dir.resolve("train-images-idx3-ubyte.gz"))))) {
            out.writeInt(0x803);
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            for (int i = 0; i < n; i++) {
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        out.writeByte(i * 10 + x);
                    }
                }
            }
        }
        try (DataOutputStream out =
                new DataOutputStream(
                        new GZIPOutputStream(
                                Files.newOutputStream(dir.resolve("train-labels-idx1-ubyte.gz"))))) {
            out.writeInt(0x801);
            out.writeInt(n);
            for (int l : labels) {
                out.writeByte(l);
            }
        }
    }

    @Test
    void keepsTheChosenClassesAsDomainsAndPadsWithBackground() throws IOException {
        writeFixture();
        FashionMnist fm = new FashionMnist(dir, true, List.of("Sandal", "Ankle boot"), 32);
        assertEquals(4, fm.size());
        assertEquals(List.of("Sandal", "Ankle boot"), fm.labels().names());
        float[] px = new float[32 * 32];
        float[] label = new float[2];
        fm.read(1, px, 0, label, 0, null);
        assertArrayEquals(new float[] {0f, 1f}, label);
        assertEquals(-1f, px[0]);
        // Image 2 of the file (label 9), padded by 2: pixel (2, 2 + x) holds 20 + x.
        assertEquals((20 + 3) / 127.5f - 1f, px[2 * 32 + 2 + 3], 1e-6);
        float[] flipped = new float[32 * 32];
        Random alwaysFlip =
                new Random() {
                    @Override
                    public boolean nextBoolean() {
                        return true;
                    }
                };
        fm.read(1, flipped, 0, label, 0, alwaysFlip);
        assertEquals((20 + 27 - 3) / 127.5f - 1f, flipped[2 * 32 + 2 + 3], 1e-6);
    }

    @Test
    void aMissingFolderNamesThePackageToInstall() {
        NoSuchFileException e =
                assertThrows(
                        NoSuchFileException.class,
                        () -> new FashionMnist(dir.resolve("absent"), true, List.of("Bag", "Coat"),
                                32));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"),
                e.getMessage());
    }

    @Test
    void fewerThanTwoDomainsAndUnknownClassesAreRejected() throws IOException {
        writeFixture();
        IllegalArgumentException one =
                assertThrows(IllegalArgumentException.class,
                        () -> new FashionMnist(dir, true, List.of("Sandal"), 32));
        assertTrue(one.getMessage().contains("at least two domains"), one.getMessage());
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class,
                        () -> new FashionMnist(dir, true, List.of("Sandal", "Hat"), 32));
        assertTrue(unknown.getMessage().contains("Ankle boot"), unknown.getMessage());
    }
}
