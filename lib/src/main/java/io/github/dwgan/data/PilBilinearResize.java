package io.github.dwgan.data;

/**
 * Resizes 8-bit images exactly as Pillow's {@code Image.resize(size, Image.BILINEAR)}, which is
 * what torchvision's {@code Resize} calls for PIL images and hence what StarGAN trains on.
 *
 * <p>Pillow's "bilinear" is a separable triangle filter {@code max(0, 1 - |x|)} whose support is
 * stretched by the scale factor when downscaling (so it antialiases, unlike a textbook two-tap
 * bilinear interpolation), with weights normalised per output pixel and quantised to 22-bit fixed
 * point. The horizontal pass runs first and is rounded to 8 bits before the vertical pass, as in
 * Pillow's {@code Resample.c}. Tests compare the output with Pillow's byte for byte.
 */
public final class PilBilinearResize {

    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PilBilinearResize() {}

    /**
     * Resizes an interleaved (HWC) 8-bit image.
     *
     * @param src source pixels, {@code srcH * srcW * channels} bytes, row-major, channels last
     * @param srcW source width
     * @param srcH source height
     * @param channels samples per pixel
     * @param dstW output width
     * @param dstH output height
     * @return the resized HWC pixels
     */
    public static byte[] resize(byte[] src, int srcW, int srcH, int channels, int dstW, int dstH) {
        if (srcW == dstW && srcH == dstH) {
            return src.clone();
        }
        Coeffs horiz = coeffs(srcW, dstW);
        Coeffs vert = coeffs(srcH, dstH);

        // Only the source rows the vertical pass reads are resampled horizontally.
        int firstRow = vert.bounds[0];
        int lastRow = vert.bounds[2 * (dstH - 1)] + vert.bounds[2 * (dstH - 1) + 1];
        int tmpH = lastRow - firstRow;
        byte[] tmp = new byte[tmpH * dstW * channels];
        for (int y = 0; y < tmpH; y++) {
            int rowIn = (y + firstRow) * srcW * channels;
            int rowOut = y * dstW * channels;
            for (int x = 0; x < dstW; x++) {
                int min = horiz.bounds[2 * x];
                int n = horiz.bounds[2 * x + 1];
                int k0 = x * horiz.ksize;
                for (int c = 0; c < channels; c++) {
                    int acc = 1 << (PRECISION_BITS - 1);
                    for (int i = 0; i < n; i++) {
                        acc += (src[rowIn + (min + i) * channels + c] & 0xff) * horiz.k[k0 + i];
                    }
                    tmp[rowOut + x * channels + c] = clip8(acc);
                }
            }
        }

        byte[] out = new byte[dstH * dstW * channels];
        int stride = dstW * channels;
        for (int y = 0; y < dstH; y++) {
            int min = vert.bounds[2 * y] - firstRow;
            int n = vert.bounds[2 * y + 1];
            int k0 = y * vert.ksize;
            for (int xc = 0; xc < stride; xc++) {
                int acc = 1 << (PRECISION_BITS - 1);
                for (int i = 0; i < n; i++) {
                    acc += (tmp[(min + i) * stride + xc] & 0xff) * vert.k[k0 + i];
                }
                out[y * stride + xc] = clip8(acc);
            }
        }
        return out;
    }

    private static byte clip8(int acc) {
        if (acc >= (1 << PRECISION_BITS << 8)) {
            return (byte) 255;
        }
        if (acc <= 0) {
            return 0;
        }
        return (byte) (acc >> PRECISION_BITS);
    }

    /** Fixed-point filter taps per output pixel: first source index and tap count in bounds. */
    private record Coeffs(int ksize, int[] bounds, int[] k) {}

    private static double triangle(double x) {
        x = Math.abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    private static Coeffs coeffs(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = 1.0 * filterScale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] bounds = new int[outSize * 2];
        int[] k = new int[outSize * ksize];
        double[] w = new double[ksize];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            // Pillow truncates center +- support + 0.5 toward zero with a C cast.
            int min = Math.max((int) (center - support + 0.5), 0);
            int max = Math.min((int) (center + support + 0.5), inSize) - min;
            double sum = 0.0;
            for (int x = 0; x < max; x++) {
                w[x] = triangle((x + min - center + 0.5) * ss);
                sum += w[x];
            }
            for (int x = 0; x < max; x++) {
                double v = sum != 0.0 ? w[x] / sum : w[x];
                double fixed = v * (1 << PRECISION_BITS);
                k[xx * ksize + x] = (int) (v < 0 ? fixed - 0.5 : fixed + 0.5);
            }
            bounds[2 * xx] = min;
            bounds[2 * xx + 1] = max;
        }
        return new Coeffs(ksize, bounds, k);
    }
}
