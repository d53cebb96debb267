package io.github.dwgan.train;

import ai.djl.ndarray.NDManager;
import io.github.dwgan.model.Generator;
import java.io.IOException;
import java.util.Map;

/**
 * Scores the generator every {@link TrainConfig#fidEvery()} iterations (FID or FCD and KID on
 * generated images); the trainer appends the values to {@code metrics.csv}. Evaluation time is
 * excluded from the run's training seconds.
 */
public interface PeriodicEvaluator extends AutoCloseable {

    /**
     * Scores the generator as it is now.
     *
     * @param g the generator (inference only: no gradients, weights untouched)
     * @param manager a manager on the model's device, for temporary arrays
     * @param iteration completed iterations
     * @return metric name to value
     * @throws IOException when data cannot be read
     */
    Map<String, Double> evaluate(Generator g, NDManager manager, int iteration) throws IOException;

    /** Releases the evaluator's resources (its feature extractor). */
    @Override
    default void close() {}

    /** Creates the evaluator of a run (lets the train package stay free of the eval package). */
    @FunctionalInterface
    interface Factory {
        /**
         * Creates the evaluator for a run.
         *
         * @param cfg the run's settings
         * @return the evaluator
         * @throws IOException when its data or features cannot be prepared
         */
        PeriodicEvaluator create(TrainConfig cfg) throws IOException;
    }
}
