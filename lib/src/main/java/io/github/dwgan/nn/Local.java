package io.github.dwgan.nn;

import ai.djl.ndarray.NDArray;

/**
 * Moves arrays derived from parameters into the manager of the data they are used with.
 *
 * <p>Note: DJL places an operation's result in the manager of its first operand. Reshaping or
 * slicing a parameter therefore creates arrays in the model's long-lived manager, which are never
 * freed (a slow leak over a long run); attaching them to the batch's manager frees them with the
 * batch.
 */
final class Local {
    private Local() {}

    /** Attaches {@code derived} to the manager of {@code anchor} and returns it. */
    static NDArray to(NDArray derived, NDArray anchor) {
        if (derived.getManager() != anchor.getManager()) {
            derived.attach(anchor.getManager());
        }
        return derived;
    }
}
