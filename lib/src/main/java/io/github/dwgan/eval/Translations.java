package io.github.dwgan.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.data.LabelSpace;
import io.github.dwgan.model.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Chooses translation jobs (input images and target labels) and runs them through a generator.
 * Pixels are channel-major floats in [-1, 1], as {@link DomainDataset#read} gives them.
 */
public final class Translations {
    private static final int BATCH = 32;

    private Translations() {}

    /**
     * Holds n translation jobs.
     *
     * @param inputs n input images
     * @param targets n target label vectors
     * @param targetDomain per job, the domain it targets: the one-hot index, or for attribute data
     *     the attribute that the target changes
     * @param sourceIndex per job, the input's index in its dataset
     * @param n the number of jobs
     */
    public record Jobs(
            float[] inputs, float[] targets, int[] targetDomain, int[] sourceIndex, int n) {}

    /**
     * Returns {@code count} jobs on images spread over a dataset in a seeded order, each to a
     * target drawn at random among the targets that differ from its own label (StarGAN's fixed
     * targets: the other domains, or one attribute changed).
     */
    public static Jobs randomTargets(DomainDataset data, int count, long seed) {
        Random rng = new Random(seed);
        int[] order = permutation(data.size(), rng);
        int n = Math.min(count, data.size());
        return build(data, Arrays.copyOf(order, n), rng, false);
    }

    /** Returns jobs translating each listed image to every target that differs from its label. */
    public static Jobs everyOtherTarget(DomainDataset data, int[] indices) {
        return build(data, indices, null, true);
    }

    private static Jobs build(DomainDataset data, int[] indices, Random rng, boolean all) {
        LabelSpace ls = data.labels();
        int d = ls.size();
        int plane = data.channels() * data.imageSize() * data.imageSize();
        float[] px = new float[plane];
        float[] label = new float[d];
        List<float[]> in = new ArrayList<>();
        List<float[]> tg = new ArrayList<>();
        List<Integer> dom = new ArrayList<>();
        List<Integer> src = new ArrayList<>();
        for (int idx : indices) {
            data.read(idx, px, 0, label, 0, null);
            List<float[]> candidates = new ArrayList<>();
            List<Integer> domains = new ArrayList<>();
            List<float[]> fixed = ls.fixedTargets(label);
            for (int t = 0; t < fixed.size(); t++) {
                if (!Arrays.equals(fixed.get(t), label)) {
                    candidates.add(fixed.get(t));
                    domains.add(t);
                }
            }
            if (candidates.isEmpty()) {
                continue;
            }
            if (all) {
                for (int k = 0; k < candidates.size(); k++) {
                    in.add(px.clone());
                    tg.add(candidates.get(k));
                    dom.add(domains.get(k));
                    src.add(idx);
                }
            } else {
                int k = rng.nextInt(candidates.size());
                in.add(px.clone());
                tg.add(candidates.get(k));
                dom.add(domains.get(k));
                src.add(idx);
            }
        }
        int n = in.size();
        float[] inputs = new float[n * plane];
        float[] targets = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(in.get(i), 0, inputs, i * plane, plane);
            System.arraycopy(tg.get(i), 0, targets, i * d, d);
        }
        return new Jobs(
                inputs,
                targets,
                dom.stream().mapToInt(Integer::intValue).toArray(),
                src.stream().mapToInt(Integer::intValue).toArray(),
                n);
    }

    /**
     * Translates every job with the generator, in batches, without gradients.
     *
     * @param g the generator
     * @param manager a manager on the generator's device
     * @param jobs the jobs
     * @param channels image channels
     * @param size image size
     * @return n translated images, channel-major in [-1, 1]
     */
    public static float[] run(Generator g, NDManager manager, Jobs jobs, int channels, int size) {
        int plane = channels * size * size;
        int d = jobs.targets().length / Math.max(1, jobs.n());
        float[] out = new float[jobs.n() * plane];
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int start = 0; start < jobs.n(); start += BATCH) {
                int b = Math.min(BATCH, jobs.n() - start);
                try (NDManager m = manager.newSubManager()) {
                    ParameterStore ps = new ParameterStore(m, false);
                    NDArray x =
                            m.create(
                                    Arrays.copyOfRange(
                                            jobs.inputs(), start * plane, (start + b) * plane),
                                    new Shape(b, channels, size, size));
                    NDArray c =
                            m.create(
                                    Arrays.copyOfRange(jobs.targets(), start * d, (start + b) * d),
                                    new Shape(b, d));
                    float[] y =
                            g.forward(ps, new NDList(x, c), false)
                                    .singletonOrThrow()
                                    .toFloatArray();
                    System.arraycopy(y, 0, out, start * plane, b * plane);
                }
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        return out;
    }

    /** Returns a seeded random permutation of 0..n-1. */
    static int[] permutation(int n, Random rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
