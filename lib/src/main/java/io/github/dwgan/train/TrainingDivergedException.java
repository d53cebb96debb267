package io.github.dwgan.train;

/** Signals a NaN or infinite loss; the message names the iteration and the loss. */
public class TrainingDivergedException extends RuntimeException {
    private final int iteration;

    /**
     * Creates the exception.
     *
     * @param message what diverged and what to do
     * @param iteration the 1-based iteration
     */
    public TrainingDivergedException(String message, int iteration) {
        super(message);
        this.iteration = iteration;
    }

    /** Returns the 1-based iteration at which a loss diverged. */
    public int iteration() {
        return iteration;
    }
}
