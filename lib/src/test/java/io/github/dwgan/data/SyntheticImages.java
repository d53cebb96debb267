package io.github.dwgan.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes small synthetic images (seeded noise over gradients, no faces) for the data tests. */
final class SyntheticImages {

    private SyntheticImages() {}

    /** Returns the folder of committed fixtures made by {@code make_fixtures.py}. */
    static Path fixtures() {
        String dir = System.getProperty("dwgan.fixtures", "src/test/resources/fixtures");
        return Paths.get(dir, "data");
    }

    /** Returns an RGB image whose pixels depend on {@code seed}. */
    static BufferedImage rgb(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int red = Math.min(255, x * 255 / Math.max(1, w - 1) / 2 + r.nextInt(128));
                int green = Math.min(255, y * 255 / Math.max(1, h - 1) / 2 + r.nextInt(128));
                int blue = (int) (seed * 37 % 256);
                img.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        return img;
    }

    /** Writes an RGB image in the format named by the file's extension; returns the file. */
    static Path write(Path file, int w, int h, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        String ext = file.getFileName().toString().replaceAll(".*\\.", "").toLowerCase();
        String format = ext.equals("jpg") ? "jpeg" : ext;
        if (!ImageIO.write(rgb(w, h, seed), format, file.toFile())) {
            throw new IOException("No writer for " + format);
        }
        return file;
    }
}
