package io.github.dwgan.data;

import java.util.Random;

/**
 * Applies StarGAN's image transform: centre crop, resize, scale to [-1, 1], and at training time a
 * random horizontal flip (torchvision's {@code CenterCrop}, {@code Resize}, {@code ToTensor},
 * {@code Normalize(0.5, 0.5)}, {@code RandomHorizontalFlip}).
 *
 * <p>The crop offset is {@code round((size - crop) / 2)} with Python's half-to-even rounding and
 * zero padding when the image is smaller than the crop, as torchvision does. The resize filter is
 * Pillow's antialiased bilinear ({@link PilBilinearResize}), reproduced exactly. Crop and resize
 * happen once when a cache is prepared; the flip and the scaling happen on every read.
 *
 * @param cropSize side of the centred square crop in source pixels (178 for CelebA, 256 for RaFD
 *     and Stirling); 0 crops the largest centred square (a deviation: StarGAN's {@code Resize}
 *     would keep the aspect ratio, which a square model cannot take)
 * @param imageSize side of the model's input (128 in the paper)
 * @param channels 3 for RGB, 1 for grey
 */
public record Preprocessing(int cropSize, int imageSize, int channels) {

    /** CelebA as in StarGAN: crop 178, resize 128, RGB. */
    public static final Preprocessing CELEBA = new Preprocessing(178, 128, 3);

    /** RaFD and Stirling as in StarGAN's RaFD setting: crop 256, resize 128, RGB. */
    public static final Preprocessing RAFD = new Preprocessing(256, 128, 3);

    /** Validates the sizes. */
    public Preprocessing {
        if (cropSize < 0 || imageSize < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException(
                    "Bad preprocessing: crop "
                            + cropSize
                            + ", size "
                            + imageSize
                            + ", channels "
                            + channels
                            + ": use crop >= 0, size >= 1, channels 1 or 3.");
        }
    }

    /** Returns the number of bytes of one prepared image ({@code channels * size * size}). */
    public int imageBytes() {
        return channels * imageSize * imageSize;
    }

    /** Crops and resizes a decoded image; returns channel-major (CHW) 8-bit samples. */
    public byte[] apply(RawImage img) {
        if (img.channels() != channels) {
            throw new IllegalArgumentException(
                    "Image has " + img.channels() + " channels, expected " + channels);
        }
        int crop = cropSize > 0 ? cropSize : Math.min(img.width(), img.height());
        byte[] cropped = centerCrop(img, crop);
        byte[] hwc = PilBilinearResize.resize(cropped, crop, crop, channels, imageSize, imageSize);
        byte[] chw = new byte[hwc.length];
        int plane = imageSize * imageSize;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < channels; c++) {
                chw[c * plane + p] = hwc[p * channels + c];
            }
        }
        return chw;
    }

    /** Returns the crop's first column or row as torchvision computes it (may be negative). */
    static int cropOffset(int size, int crop) {
        if (crop > size) {
            return -((crop - size) / 2);
        }
        return (int) Math.rint((size - crop) / 2.0);
    }

    private byte[] centerCrop(RawImage img, int crop) {
        int left = cropOffset(img.width(), crop);
        int top = cropOffset(img.height(), crop);
        int c = img.channels();
        byte[] out = new byte[crop * crop * c];
        for (int y = 0; y < crop; y++) {
            int sy = y + top;
            if (sy < 0 || sy >= img.height()) {
                continue;
            }
            int x0 = Math.max(0, -left);
            int x1 = Math.min(crop, img.width() - left);
            if (x1 > x0) {
                System.arraycopy(
                        img.pixels(),
                        (sy * img.width() + left + x0) * c,
                        out,
                        (y * crop + x0) * c,
                        (x1 - x0) * c);
            }
        }
        return out;
    }

    /**
     * Scales prepared CHW bytes to floats in [-1, 1] ({@code v / 255 * 2 - 1}), mirroring the
     * columns when {@code augment} draws a flip (probability 1/2, torchvision's default).
     *
     * @param chw prepared samples
     * @param src offset of the image in {@code chw}
     * @param dst destination floats
     * @param dstOffset offset in {@code dst}
     * @param augment random source for the flip, or null for none
     */
    public void toFloats(byte[] chw, int src, float[] dst, int dstOffset, Random augment) {
        boolean flip = augment != null && augment.nextBoolean();
        int s = imageSize;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < s; y++) {
                int row = src + (c * s + y) * s;
                int out = dstOffset + (c * s + y) * s;
                for (int x = 0; x < s; x++) {
                    int v = chw[row + (flip ? s - 1 - x : x)] & 0xff;
                    dst[out + x] = (v / 255f - 0.5f) / 0.5f;
                }
            }
        }
    }
}
