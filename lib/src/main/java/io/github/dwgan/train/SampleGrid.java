package io.github.dwgan.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * Lays out images in a grid, as StarGAN's sample figures: a row per input image, its first column
 * the input and the others its translations to each target domain.
 */
public final class SampleGrid {
    private SampleGrid() {}

    /**
     * Draws the grid with a 2-pixel white gutter.
     *
     * @param cells cells[row][column], each channel-major floats in [-1, 1]
     * @param channels 1 (grey) or 3 (RGB)
     * @param size the image side in pixels
     * @return the image
     */
    public static BufferedImage draw(float[][][] cells, int channels, int size) {
        int gap = 2;
        int rows = cells.length;
        int cols = cells[0].length;
        BufferedImage img =
                new BufferedImage(
                        cols * (size + gap) + gap,
                        rows * (size + gap) + gap,
                        BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, 0xffffff);
            }
        }
        int plane = size * size;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float[] px = cells[r][c];
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int i = y * size + x;
                        int red = level(px[i]);
                        int green = channels == 3 ? level(px[plane + i]) : red;
                        int blue = channels == 3 ? level(px[2 * plane + i]) : red;
                        img.setRGB(
                                gap + c * (size + gap) + x,
                                gap + r * (size + gap) + y,
                                (red << 16) | (green << 8) | blue);
                    }
                }
            }
        }
        return img;
    }

    private static int level(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
    }

    /** Writes an image as PNG through a temporary file renamed into place. */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        if (!ImageIO.write(img, "png", tmp.toFile())) {
            throw new IOException("No PNG writer available for " + file);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
