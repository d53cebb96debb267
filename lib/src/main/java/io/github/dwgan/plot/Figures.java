package io.github.dwgan.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Saves charts for papers: a 300 dpi PNG and a vector SVG side by side. */
public final class Figures {
    private Figures() {}

    /**
     * Writes {@code base.png} (300 dpi) and {@code base.svg}.
     *
     * @param chart the chart
     * @param base path without extension
     * @return the PNG path
     * @throws IOException when writing fails
     */
    public static Path save(Chart<?, ?> chart, Path base) throws IOException {
        Files.createDirectories(base.toAbsolutePath().getParent());
        String b = base.toString();
        BitmapEncoder.saveBitmapWithDPI(chart, b, BitmapEncoder.BitmapFormat.PNG, FigureStyle.DPI);
        VectorGraphicsEncoder.saveVectorGraphic(
                chart, b, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return Path.of(b + ".png");
    }

    /** Returns the chart as an image, for display as a notebook cell's last expression. */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }
}
