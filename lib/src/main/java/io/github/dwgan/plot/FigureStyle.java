package io.github.dwgan.plot;

import io.github.dwgan.model.Architecture;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Holds the look of every figure in one place: size, fonts, and one colour per architecture (a
 * colour-blind-safe palette, Okabe and Ito 2008), so that figures across notebooks, the command
 * line and the README match.
 */
public final class FigureStyle {
    /** Figure width in pixels at screen resolution (about 3.3 inches at 300 dpi when saved). */
    public static final int WIDTH = 640;

    /** Figure height in pixels at screen resolution. */
    public static final int HEIGHT = 420;

    /** Resolution of saved bitmaps. */
    public static final int DPI = 300;

    private static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private FigureStyle() {}

    /** Returns the colour of an architecture in every figure. */
    public static Color color(Architecture a) {
        return switch (a) {
            case STARGAN -> new Color(0x00, 0x72, 0xB2);
            case DEPTHWISE_G -> new Color(0xE6, 0x9F, 0x00);
            case DEPTHWISE_DG -> new Color(0x00, 0x9E, 0x73);
            case DEEPER_DEPTHWISE_G -> new Color(0xCC, 0x79, 0xA7);
        };
    }

    /**
     * Creates a line chart in the house style.
     *
     * @param title the title
     * @param xTitle the x-axis title
     * @param yTitle the y-axis title
     * @return the chart
     */
    public static XYChart lineChart(String title, String xTitle, String yTitle) {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xE0, 0xE0, 0xE0));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleFont(TITLE);
        s.setLegendFont(LEGEND);
        chart.getStyler().setAxisTitleFont(AXIS_TITLE);
        chart.getStyler().setAxisTickLabelsFont(TICKS);
        chart.getStyler().setAntiAlias(true);
        return chart;
    }

    /** Adds a line series coloured for its architecture. */
    public static XYSeries addSeries(
            XYChart chart, Architecture a, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(color(a));
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(new BasicStroke(1.8f));
        return series;
    }
}
