package io.github.dwgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Checks crop and resize against Pillow's output stored by make_fixtures.py. */
class PilBilinearResizeTest {

    private static byte[] hwc(RawImage im) {
        return im.pixels();
    }

    private static byte[] toHwc(byte[] chw, int c, int s) {
        byte[] out = new byte[chw.length];
        for (int p = 0; p < s * s; p++) {
            for (int k = 0; k < c; k++) {
                out[p * c + k] = chw[k * s * s + p];
            }
        }
        return out;
    }

    @Test
    void downscaleMatchesPillowExactly() {
        RawImage src = ImageDecoder.decode(SyntheticImages.fixtures().resolve("down_src.png"), 3);
        RawImage ref = ImageDecoder.decode(SyntheticImages.fixtures().resolve("down_pil.png"), 3);
        assertEquals(95, src.width());
        assertEquals(93, src.height());

        byte[] out = new Preprocessing(88, 64, 3).apply(src);

        assertArrayEquals(hwc(ref), toHwc(out, 3, 64));
    }

    @Test
    void upscaleMatchesPillowExactly() {
        RawImage src = ImageDecoder.decode(SyntheticImages.fixtures().resolve("up_src.png"), 3);
        RawImage ref = ImageDecoder.decode(SyntheticImages.fixtures().resolve("up_pil.png"), 3);

        byte[] out = new Preprocessing(20, 48, 3).apply(src);

        assertArrayEquals(hwc(ref), toHwc(out, 3, 48));
    }

    @Test
    void cropOffsetRoundsHalfToEvenAndPadsSmallImages() {
        assertEquals(2, Preprocessing.cropOffset(93, 88)); // 2.5 -> 2, as Python's round
        assertEquals(4, Preprocessing.cropOffset(95, 88)); // 3.5 -> 4
        assertEquals(20, Preprocessing.cropOffset(218, 178)); // CelebA rows
        assertEquals(0, Preprocessing.cropOffset(178, 178));
        assertEquals(-1, Preprocessing.cropOffset(2, 5)); // padding (5 - 2) // 2 on the left
    }

    @Test
    void paddedCropFillsWithZeros() {
        RawImage img = new RawImage(2, 1, 1, new byte[] {10, 20});

        byte[] out = new Preprocessing(4, 4, 1).apply(img);

        // Pads (4-2)//2 = 1 column left and (4-1)//2 = 1 row on top, as torchvision.
        byte[] expected = new byte[16];
        expected[4 + 1] = 10;
        expected[4 + 2] = 20;
        assertArrayEquals(expected, out);
    }

    @Test
    void identitySizeIsACopyAndHalvingMatchesHandWorkedTriangle() {
        byte[] src = {0, (byte) 200, 100, 50};
        assertArrayEquals(src, PilBilinearResize.resize(src, 4, 1, 1, 4, 1));
        // Scale 2: the triangle is stretched to support 2. Output 0 (centre 1.0) weighs inputs
        // 0, 1, 2 by 0.75, 0.75, 0.25: (0 + 150 + 25) / 1.75 = 100. Output 1 (centre 3.0)
        // weighs inputs 1, 2, 3 by 0.25, 0.75, 0.75: (50 + 75 + 37.5) / 1.75 = 92.86 -> 93.
        // Pillow gives [100, 93] for the same input.
        byte[] half = PilBilinearResize.resize(src, 4, 1, 1, 2, 1);
        assertEquals(100, half[0] & 0xff);
        assertEquals(93, half[1] & 0xff);
    }

    @Test
    void toFloatsScalesToMinusOneOneAndFlips() {
        Preprocessing p = new Preprocessing(2, 2, 1);
        byte[] chw = {0, (byte) 255, (byte) 51, (byte) 204};
        float[] out = new float[4];
        p.toFloats(chw, 0, out, 0, null);
        assertArrayEquals(new float[] {-1f, 1f, -0.6f, 0.6f}, out, 1e-6f);

        java.util.Random always =
                new java.util.Random() {
                    @Override
                    public boolean nextBoolean() {
                        return true;
                    }
                };
        p.toFloats(chw, 0, out, 0, always);
        assertArrayEquals(new float[] {1f, -1f, 0.6f, -0.6f}, out, 1e-6f);
    }
}
