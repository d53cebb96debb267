package io.github.dwgan.train;

import java.nio.file.Path;
import java.util.Map;

/** Receives a run's progress: used by notebooks for live charts and by tests. */
public interface TrainingListener {

    /**
     * Called after each logged iteration.
     *
     * @param iteration the iteration (1-based)
     * @param losses the latest value of every loss, by name
     */
    default void onLog(int iteration, Map<String, Double> losses) {}

    /**
     * Called after a sample grid is written.
     *
     * @param iteration the iteration (1-based)
     * @param png the grid
     */
    default void onSamples(int iteration, Path png) {}

    /**
     * Called after a periodic evaluation (FID or FCD, KID).
     *
     * @param iteration the iteration (1-based)
     * @param values metric name to value
     */
    default void onEvaluation(int iteration, Map<String, Double> values) {}
}
