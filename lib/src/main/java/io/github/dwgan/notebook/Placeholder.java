package io.github.dwgan.notebook;

import io.github.dwgan.plot.FigureStyle;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Draws a blank figure with a line of text, shown before the first data arrives. */
final class Placeholder {
    private Placeholder() {}

    /** Returns a figure-sized white image with {@code text} centred. */
    static BufferedImage image(String text) {
        BufferedImage img =
                new BufferedImage(
                        FigureStyle.WIDTH, FigureStyle.HEIGHT / 3, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        int w = g.getFontMetrics().stringWidth(text);
        g.drawString(text, (img.getWidth() - w) / 2, img.getHeight() / 2);
        g.dispose();
        return img;
    }
}
