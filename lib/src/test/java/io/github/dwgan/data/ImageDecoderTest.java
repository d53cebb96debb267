package io.github.dwgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Checks decoding: channel conversions, EXIF orientation, JPEG parity, corrupt files. */
class ImageDecoderTest {

    @TempDir Path dir;

    @Test
    void greyIsRepeatedIntoThreeChannelsWithoutGammaChange() throws IOException {
        BufferedImage g = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setSample(0, 0, 0, 40);
        g.getRaster().setSample(1, 0, 0, 200);
        Path f = dir.resolve("g.png");
        ImageIO.write(g, "png", f.toFile());

        RawImage rgb = ImageDecoder.decode(f, 3);

        assertArrayEquals(
                new byte[] {40, 40, 40, (byte) 200, (byte) 200, (byte) 200}, rgb.pixels());
        assertArrayEquals(new byte[] {40, (byte) 200}, ImageDecoder.decode(f, 1).pixels());
    }

    @Test
    void paletteIsLookedUpAndAlphaDropped() throws IOException {
        byte[] r = {10, (byte) 250};
        byte[] gr = {20, 0};
        byte[] b = {30, 5};
        BufferedImage p =
                new BufferedImage(
                        2, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, gr, b));
        p.getRaster().setSample(0, 0, 0, 1);
        p.getRaster().setSample(1, 0, 0, 0);
        Path pf = dir.resolve("p.png");
        ImageIO.write(p, "png", pf.toFile());
        BufferedImage a = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        a.setRGB(0, 0, 0x10_64_c8_20); // nearly transparent, colour kept as Pillow does
        Path af = dir.resolve("a.png");
        ImageIO.write(a, "png", af.toFile());

        assertArrayEquals(
                new byte[] {(byte) 250, 0, 5, 10, 20, 30}, ImageDecoder.decode(pf, 3).pixels());
        assertArrayEquals(new byte[] {100, (byte) 200, 32}, ImageDecoder.decode(af, 3).pixels());
        // Pillow's L = (299 R + 587 G + 114 B) / 1000 in 16-bit fixed point: 100,200,32 -> 151
        assertArrayEquals(new byte[] {(byte) 151}, ImageDecoder.decode(af, 1).pixels());
    }

    @Test
    void exifOrientationIsAppliedAsPillowExifTranspose() {
        RawImage img = ImageDecoder.decode(SyntheticImages.fixtures().resolve("exif6.jpg"), 3);
        RawImage ref = ImageDecoder.decode(SyntheticImages.fixtures().resolve("exif6_pil.png"), 3);

        assertEquals(16, img.width()); // stored 32 x 16, displayed rotated 90 degrees
        assertEquals(32, img.height());
        assertTrue(maxDiff(img.pixels(), ref.pixels()) <= 8, "JPEG q100 of flat blocks");
        // Top-left of the displayed image is the stored bottom-left quadrant: blue.
        assertTrue(img.sample(1, 1, 2) > 240 && img.sample(1, 1, 0) < 15);
    }

    @Test
    void orientationsMapCornersAsTheExifSpecSays() {
        // Stored 2 x 1: [a, b].
        RawImage im = new RawImage(2, 1, 1, new byte[] {1, 2});
        assertArrayEquals(new byte[] {2, 1}, im.oriented(2).pixels());
        assertArrayEquals(new byte[] {2, 1}, im.oriented(3).pixels());
        assertArrayEquals(new byte[] {1, 2}, im.oriented(6).pixels()); // 1 x 2: a over b
        assertEquals(1, im.oriented(6).width());
        assertArrayEquals(new byte[] {2, 1}, im.oriented(8).pixels()); // b over a
        assertArrayEquals(new byte[] {1, 2}, im.oriented(1).pixels());
    }

    @Test
    void jpegDecodingIsCloseToPillow() {
        RawImage img = ImageDecoder.decode(SyntheticImages.fixtures().resolve("decode_src.jpg"), 3);
        RawImage ref = ImageDecoder.decode(SyntheticImages.fixtures().resolve("decode_pil.png"), 3);

        int max = maxDiff(img.pixels(), ref.pixels());
        double mean = meanDiff(img.pixels(), ref.pixels());
        LoggerFactory.getLogger(ImageDecoderTest.class)
                .info("ImageIO vs Pillow JPEG decode: max {} mean {}", max, mean);

        assertTrue(max <= 1, "max difference " + max);
        assertTrue(mean <= 0.05, "mean difference " + mean);
    }

    @Test
    void truncatedJpegIsReportedWithItsNameAndFix() throws IOException {
        Path good = SyntheticImages.write(dir.resolve("ok.jpg"), 64, 64, 1);
        byte[] bytes = Files.readAllBytes(good);
        Path bad = dir.resolve("bad.jpg");
        Files.write(bad, Arrays.copyOf(bytes, bytes.length / 2));
        Path junk = dir.resolve("junk.png");
        Files.writeString(junk, "not an image");

        CorruptImageException e =
                assertThrows(CorruptImageException.class, () -> ImageDecoder.decode(bad, 3));
        assertTrue(
                e.getMessage().startsWith("Image " + bad + " is corrupt or truncated"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("or pass --skip-corrupt to leave it out."));
        assertThrows(CorruptImageException.class, () -> ImageDecoder.decode(junk, 3));
        DatasetException missing =
                assertThrows(
                        DatasetException.class,
                        () -> ImageDecoder.decode(dir.resolve("none.jpg"), 3));
        assertTrue(missing.getMessage().contains("is listed but absent"));
    }

    private static int maxDiff(byte[] a, byte[] b) {
        assertEquals(a.length, b.length);
        int m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
        }
        return m;
    }

    private static double meanDiff(byte[] a, byte[] b) {
        long s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return (double) s / a.length;
    }
}
