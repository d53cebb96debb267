package io.github.dwgan.notebook;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Places images side by side under their titles, as the paper's figure 7. */
public final class Montage {
    private static final int TITLE_HEIGHT = 22;
    private static final int GAP = 8;

    private Montage() {}

    /**
     * Draws the images left to right, each under its title, on white.
     *
     * @param images the images
     * @param titles one title per image
     * @return the montage
     */
    public static BufferedImage sideBySide(List<BufferedImage> images, List<String> titles) {
        if (images.isEmpty() || images.size() != titles.size()) {
            throw new IllegalArgumentException(
                    "Need one title per image, got " + images.size() + " and " + titles.size());
        }
        int scale = Math.max(1, 160 / images.get(0).getWidth());
        int w = GAP;
        int h = 0;
        for (BufferedImage im : images) {
            w += im.getWidth() * scale + GAP;
            h = Math.max(h, im.getHeight() * scale);
        }
        BufferedImage out =
                new BufferedImage(w, h + TITLE_HEIGHT + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.BLACK);
        int x = GAP;
        for (int i = 0; i < images.size(); i++) {
            BufferedImage im = images.get(i);
            // The largest size up to 13 pt at which the title fits above its own panel.
            int size = 13;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            while (size > 7
                    && g.getFontMetrics().stringWidth(titles.get(i)) > im.getWidth() * scale) {
                size--;
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            }
            g.drawString(titles.get(i), x, TITLE_HEIGHT - 6);
            g.drawImage(im, x, TITLE_HEIGHT, im.getWidth() * scale, im.getHeight() * scale, null);
            x += im.getWidth() * scale + GAP;
        }
        g.dispose();
        return out;
    }
}
