package io.github.dwgan.fid;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.data.LabelKind;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and trains the small domain classifier behind the offline Frechet classifier distance:
 * stages of 3x3 convolution, ReLU and 2x2 max pool until the map is at most 8 px, a last 3x3
 * convolution with ReLU, global average pooling (the features, as Inception's pool features) and a
 * linear layer to the domains. Softmax cross-entropy for single-label data, per-attribute sigmoid
 * cross-entropy for attribute data; Adam; horizontal-flip augmentation.
 *
 * <p>Note: no batch norm. With DJL's BatchNorm (PyTorch engine) the held-out accuracy in inference
 * mode fell to 77% while the training loss fell faster (measured once, not investigated); without
 * it, training and inference compute the same function.
 *
 * <p>Note: training uses DJL's own loss classes, which were not audited for the number-argument
 * operations that keep Java-backed scalars in the autograd graph (see NativeArrays.scalar).
 */
final class ClassifierNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(ClassifierNetwork.class);

    /** Widest convolution. */
    private static final int MAX_WIDTH = 128;

    private ClassifierNetwork() {}

    /**
     * Holds the blocks: the feature trunk and the head, and the full network.
     *
     * @param features images to pooled features
     * @param head features to logits
     * @param full trunk then head
     * @param dimension feature length
     */
    record Blocks(SequentialBlock features, Linear head, SequentialBlock full, int dimension) {}

    /** Builds the (uninitialised) network for images of {@code size} px. */
    static Blocks build(int size, int domains, int width) {
        SequentialBlock trunk = new SequentialBlock();
        int w = width;
        int s = size;
        while (s > 8) {
            trunk.add(conv(w))
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)));
            s /= 2;
            w = Math.min(MAX_WIDTH, w * 2);
        }
        trunk.add(conv(w)).add(Activation.reluBlock()).add(Pool.globalAvgPool2dBlock());
        Linear head = Linear.builder().setUnits(domains).build();
        SequentialBlock full = new SequentialBlock().add(trunk).add(head);
        return new Blocks(trunk, head, full, w);
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }

    /**
     * Trains the network on a dataset (seeded initialisation and order) and returns it.
     *
     * @param blocks the network
     * @param data training images
     * @param settings epochs, batch size, learning rate, image limit and seed
     * @param manager owner of the parameters
     */
    static void train(
            Blocks blocks,
            DomainDataset data,
            ClassifierFeatureExtractor.Settings settings,
            NDManager manager) {
        Engine.getInstance().setRandomSeed((int) settings.seed());
        boolean multi = data.labels().kind() == LabelKind.MULTI;
        Loss loss = multi ? Loss.sigmoidBinaryCrossEntropyLoss() : Loss.softmaxCrossEntropyLoss();
        DefaultTrainingConfig tc =
                new DefaultTrainingConfig(loss)
                        .optDevices(new Device[] {manager.getDevice()})
                        .optOptimizer(
                                Optimizer.adam()
                                        .optLearningRateTracker(
                                                Tracker.fixed((float) settings.learningRate()))
                                        .build());
        int c = data.channels();
        int s = data.imageSize();
        int d = data.labels().size();
        int n = Math.min(data.size(), settings.maxImages());
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random rng = new Random(settings.seed());
        try (Model model = Model.newInstance("fcd-classifier", manager.getDevice())) {
            model.setBlock(blocks.full());
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(1, c, s, s));
                int bs = settings.batchSize();
                int plane = c * s * s;
                for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                    shuffle(order, rng);
                    double sum = 0;
                    int steps = 0;
                    for (int start = 0; start + bs <= n; start += bs) {
                        float[] px = new float[bs * plane];
                        float[] lab = new float[bs * d];
                        for (int k = 0; k < bs; k++) {
                            data.read(order[start + k], px, k * plane, lab, k * d, rng);
                        }
                        try (NDManager m = manager.newSubManager()) {
                            NDArray x = m.create(px, new Shape(bs, c, s, s));
                            NDArray y =
                                    multi
                                            ? m.create(lab, new Shape(bs, d))
                                            : m.create(argmax(lab, bs, d), new Shape(bs));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
                                NDArray l = loss.evaluate(new NDList(y), new NDList(out));
                                sum += l.getFloat();
                                gc.backward(l);
                            }
                            trainer.step();
                            steps++;
                        }
                    }
                    LOG.info(
                            "FCD classifier epoch {}/{}: mean loss {}",
                            epoch + 1,
                            settings.epochs(),
                            String.format("%.4f", sum / Math.max(1, steps)));
                }
            }
            // Move the parameters to the caller's manager so that closing the model keeps them.
            blocks.full().getParameters().forEach(p -> p.getValue().getArray().attach(manager));
        }
    }

    /** Returns the logits of a batch of model-ready images. */
    static NDArray logits(Blocks b, ParameterStore ps, NDArray x) {
        return b.full().forward(ps, new NDList(x), false).singletonOrThrow();
    }

    /** Returns the pooled features of a batch of model-ready images. */
    static NDArray features(Blocks b, ParameterStore ps, NDArray x) {
        return b.features().forward(ps, new NDList(x), false).singletonOrThrow();
    }

    /** Allocates parameters without training (before loading saved ones). */
    static void allocate(Blocks b, NDManager manager, int channels, int size) {
        b.full().initialize(manager, DataType.FLOAT32, new Shape(1, channels, size, size));
    }

    private static float[] argmax(float[] lab, int n, int d) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < d; j++) {
                if (lab[i * d + j] > lab[i * d + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    private static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
