package io.github.dwgan.fid;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Converts images to RGB arrays in [0, 1], as pytorch-fid's {@code convert('RGB')} and ToTensor.
 */
public final class Images {

    private Images() {}

    /**
     * Reads an image file.
     *
     * @param file a PNG, JPEG, BMP or GIF file
     * @return the image
     * @throws IOException if it cannot be read or decoded
     */
    public static BufferedImage read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("no image decoder for " + file);
        }
        return img;
    }

    /**
     * Returns the image as a 3 x H x W array (channel-major) of values v / 255.
     *
     * <p>As PIL's {@code convert('RGB')}: grayscale is copied to the three channels and alpha is
     * dropped, not composited. Grayscale samples are read from the raster, not through {@code
     * getRGB}, which would apply Java's linear-gray colour conversion. Note: 16-bit images are
     * scaled to 8 bits by Java's colour model, where PIL would clip; not measured.
     */
    public static float[] toRgbChw(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int plane = w * h;
        float[] out = new float[3 * plane];
        Raster r = img.getRaster();
        boolean gray8 =
                img.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                        && r.getSampleModel().getSampleSize(0) == 8;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (gray8) {
                    float v = r.getSample(x, y, 0) / 255f;
                    out[i] = v;
                    out[plane + i] = v;
                    out[2 * plane + i] = v;
                } else {
                    int argb = img.getRGB(x, y);
                    out[i] = ((argb >> 16) & 0xff) / 255f;
                    out[plane + i] = ((argb >> 8) & 0xff) / 255f;
                    out[2 * plane + i] = (argb & 0xff) / 255f;
                }
            }
        }
        return out;
    }
}
