package io.github.dwgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.engine.NativeArrays;
import io.github.dwgan.model.Generator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Translates a fixed batch to every domain and writes the sample grid. */
public final class Samples {
    private Samples() {}

    /**
     * Returns the indices of the fixed sample batch: {@code count} examples spread evenly over the
     * dataset (the same in every run of the same data).
     */
    public static int[] fixedIndices(DomainDataset data, int count) {
        int n = Math.min(count, data.size());
        int[] idx = new int[n];
        for (int k = 0; k < n; k++) {
            idx[k] = (int) ((long) k * data.size() / n);
        }
        return idx;
    }

    /**
     * Computes the grid cells: row k holds input k, then its translation to each fixed target.
     *
     * @param g the generator
     * @param data the dataset
     * @param count inputs in the batch
     * @param manager a manager on the model's device
     * @return cells[row][column] as channel-major floats in [-1, 1]
     */
    public static float[][][] translate(
            Generator g, DomainDataset data, int count, NDManager manager) {
        int[] idx = fixedIndices(data, count);
        int d = data.labels().size();
        int plane = data.channels() * data.imageSize() * data.imageSize();
        float[][][] cells = new float[idx.length][d + 1][];
        Shape shape = new Shape(1, data.channels(), data.imageSize(), data.imageSize());
        for (int r = 0; r < idx.length; r++) {
            float[] px = new float[plane];
            float[] label = new float[d];
            data.read(idx[r], px, 0, label, 0, null);
            cells[r][0] = px;
            List<float[]> targets = data.labels().fixedTargets(label);
            try (NDScope scope = new NDScope();
                    NDManager m = manager.newSubManager()) {
                scope.suppressNotUsedWarning();
                ParameterStore ps = new ParameterStore(m, false);
                NDArray x = NativeArrays.copyOf(m, px, shape).repeat(0, targets.size());
                float[] flat = new float[targets.size() * d];
                for (int t = 0; t < targets.size(); t++) {
                    System.arraycopy(targets.get(t), 0, flat, t * d, d);
                }
                NDArray c = NativeArrays.copyOf(m, flat, new Shape(targets.size(), d));
                NDArray y =
                        GanStep.withoutGradients(
                                () ->
                                        g.forward(ps, new ai.djl.ndarray.NDList(x, c), true)
                                                .singletonOrThrow());
                float[] all = y.toFloatArray();
                for (int t = 0; t < targets.size(); t++) {
                    float[] cell = new float[plane];
                    System.arraycopy(all, t * plane, cell, 0, plane);
                    cells[r][t + 1] = cell;
                }
            }
        }
        return cells;
    }

    /** Translates the fixed batch and writes the grid to {@code png}. */
    public static void write(
            Generator g, DomainDataset data, int count, NDManager manager, Path png)
            throws IOException {
        float[][][] cells = translate(g, data, count, manager);
        SampleGrid.writePng(SampleGrid.draw(cells, data.channels(), data.imageSize()), png);
    }
}
