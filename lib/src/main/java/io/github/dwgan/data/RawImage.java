package io.github.dwgan.data;

/**
 * Holds an 8-bit image as interleaved samples (row-major, channels last).
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param channels samples per pixel (1 for grey, 3 for RGB)
 * @param pixels {@code height * width * channels} samples
 */
public record RawImage(int width, int height, int channels, byte[] pixels) {

    /** Checks that the sample count matches the shape. */
    public RawImage {
        if (pixels.length != width * height * channels) {
            throw new IllegalArgumentException(
                    "Expected " + width * height * channels + " samples, got " + pixels.length);
        }
    }

    /** Returns sample {@code c} of pixel ({@code x}, {@code y}) as 0..255. */
    public int sample(int x, int y, int c) {
        return pixels[(y * width + x) * channels + c] & 0xff;
    }

    /**
     * Returns this image as seen after EXIF orientation {@code orientation} (1..8) is applied, as
     * Pillow's {@code ImageOps.exif_transpose} does; values outside 2..8 return this image.
     */
    public RawImage oriented(int orientation) {
        if (orientation < 2 || orientation > 8) {
            return this;
        }
        boolean swap = orientation >= 5;
        int w = swap ? height : width;
        int h = swap ? width : height;
        byte[] out = new byte[pixels.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> {
                        sx = width - 1 - x;
                        sy = y;
                    }
                    case 3 -> {
                        sx = width - 1 - x;
                        sy = height - 1 - y;
                    }
                    case 4 -> {
                        sx = x;
                        sy = height - 1 - y;
                    }
                    case 5 -> {
                        sx = y;
                        sy = x;
                    }
                    case 6 -> {
                        sx = y;
                        sy = height - 1 - x;
                    }
                    case 7 -> {
                        sx = width - 1 - y;
                        sy = height - 1 - x;
                    }
                    default -> {
                        sx = width - 1 - y;
                        sy = x;
                    }
                }
                System.arraycopy(
                        pixels,
                        (sy * width + sx) * channels,
                        out,
                        (y * w + x) * channels,
                        channels);
            }
        }
        return new RawImage(w, h, channels, out);
    }
}
