package io.github.dwgan.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Creates arrays whose memory libtorch allocates and owns.
 *
 * <p>DJL's PyTorch engine wraps the Java direct buffer of {@code NDManager.create(float[])} without
 * copying, so the tensor's memory lives only as long as that Java array object. Anything libtorch
 * keeps beyond it (a tensor saved for the backward pass, a view) then reads memory the garbage
 * collector has freed. Arrays made here are copies in libtorch's own memory, whose lifetime
 * libtorch counts itself.
 */
public final class NativeArrays {
    private NativeArrays() {}

    /**
     * Returns a float32 scalar (shape ()) in libtorch-owned memory, on {@code like}'s manager and
     * device, for arithmetic that autograd must be able to replay.
     *
     * <p>Note: DJL's {@code NDArray.mul(Number)} (and div, maximum, ...) wraps the number in a
     * tensor over a Java direct buffer and closes it at once. The autograd graph keeps that tensor
     * for the backward pass, but its memory belongs to the buffer, which the garbage collector may
     * free before the backward pass reads it: gradients then read freed memory (measured: with
     * glibc's MALLOC_PERTURB_ and frequent collections, losses went NaN within a dozen iterations;
     * in normal runs, a generator that never learned or a NaN after hundreds of iterations,
     * depending on when collections happened). Differentiable code therefore multiplies by scalars
     * made here.
     *
     * @param like an array whose manager and device the scalar shares
     * @param value the value
     * @return the scalar
     */
    public static NDArray scalar(NDArray like, float value) {
        return copyOf(like.getManager(), new float[] {value}, new Shape());
    }

    /**
     * Returns a float32 array with the given values in libtorch-owned memory.
     *
     * @param manager the manager that owns the result
     * @param values the values, row-major
     * @param shape the shape
     * @return the array
     */
    public static NDArray copyOf(NDManager manager, float[] values, Shape shape) {
        try (NDArray wrapped = manager.create(values, shape)) {
            return wrapped.duplicate();
        }
    }
}
