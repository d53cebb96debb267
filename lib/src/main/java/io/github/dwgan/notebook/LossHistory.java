package io.github.dwgan.notebook;

import io.github.dwgan.plot.FigureStyle;
import io.github.dwgan.train.RunMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Row;

/** Collects logged losses by name for a live chart; safe to feed from the training thread. */
final class LossHistory {
    private final Map<String, TreeMap<Integer, Double>> series = new TreeMap<>();

    /** Adds the losses logged at one iteration, leaving out learning rates. */
    synchronized void add(int iteration, Map<String, Double> losses) {
        for (var e : losses.entrySet()) {
            if (!e.getKey().endsWith("/lr") && Double.isFinite(e.getValue())) {
                series.computeIfAbsent(e.getKey(), k -> new TreeMap<>())
                        .put(iteration, e.getValue());
            }
        }
    }

    /** Adds every row of an earlier session up to {@code through}. */
    synchronized void addAll(RunMetrics metrics, int through) {
        for (Row r : metrics.table()) {
            int it = r.getInt("iteration");
            if (it <= through) {
                add(it, Map.of(r.getString("metric"), r.getDouble("value")));
            }
        }
    }

    synchronized boolean isEmpty() {
        return series.isEmpty();
    }

    /** Draws every loss against iterations: discriminator terms solid, generator terms dashed. */
    synchronized XYChart chart(String title) {
        XYChart chart = FigureStyle.lineChart(title, "iteration", "loss");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        for (var e : series.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            e.getValue()
                    .forEach(
                            (k, v) -> {
                                x.add(k.doubleValue());
                                y.add(v);
                            });
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(x.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return chart;
    }
}
