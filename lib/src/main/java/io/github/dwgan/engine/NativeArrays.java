package io.github.dwgan.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Creates arrays whose memory libtorch allocates and owns.
 *
 * <p>DJL's PyTorch engine wraps the Java direct buffer of {@code NDManager.create(float[])} without
 * copying. Such a tensor lives at whatever alignment the JVM gave the buffer, which changes from
 * run to run, and libtorch's CPU kernels take different vectorised paths for different alignments:
 * the last bits of a sum then differ between runs, and Adam's normalised steps turn those bits into
 * visible differences wherever a gradient is close to zero. Copying into libtorch's own (64-byte
 * aligned) memory makes runs repeat exactly and frees the tensor from the Java buffer's lifetime.
 */
public final class NativeArrays {
    private NativeArrays() {}

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
