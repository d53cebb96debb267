package io.github.dwgan.fid;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.data.LabelKind;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supplies features from a small domain classifier trained here on the dataset itself, for machines
 * without the FID Inception weights. A Frechet distance on these features is reported as "FCD"
 * (Frechet classifier distance), never as FID: its scale and meaning differ, and it can only be
 * compared with other FCDs from the same cached classifier.
 *
 * <p>The classifier is trained once per dataset, size and settings and cached in a folder named by
 * a hash of them, with {@code classifier.json} recording its provenance and its accuracy on the
 * held-out split. Note: its features only know the domains it was trained to tell apart, so FCD is
 * blind to defects that do not change the domain evidence (texture, colour casts) more than FID.
 */
public final class ClassifierFeatureExtractor implements FeatureExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(ClassifierFeatureExtractor.class);
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Version of the network and training recipe; part of the cache key. */
    public static final int VERSION = 1;

    /** The name under which distances on these features are reported. */
    public static final String DISTANCE_NAME = "FCD";

    /**
     * Holds the training settings.
     *
     * @param width channels of the first convolution (doubled at each stage up to 128)
     * @param epochs passes over the training images
     * @param batchSize images per step
     * @param learningRate Adam's learning rate
     * @param maxImages cap on training images per epoch (the first ones of each shuffled epoch)
     * @param seed seed of the initialisation, the order and the flips
     */
    public record Settings(
            int width, int epochs, int batchSize, double learningRate, int maxImages, long seed) {
        /** Returns the defaults: width 16, 4 epochs, batch 64, lr 2e-3, 20,000 images, seed 7. */
        public static Settings defaults() {
            return new Settings(16, 4, 64, 2e-3, 20_000, 7);
        }
    }

    /**
     * Records where a cached classifier came from and how good it is.
     *
     * @param version {@link #VERSION}
     * @param dataset the training set's description
     * @param heldOut the held-out set's description
     * @param domains domain names, in label order
     * @param multiLabel whether domains are independent attributes
     * @param channels image channels
     * @param imageSize image size in pixels
     * @param dimension feature length
     * @param settings training settings
     * @param heldOutAccuracy accuracy on the held-out set (per attribute for attribute data)
     * @param heldOutImages held-out images scored
     * @param trainSeconds training time
     * @param created when it was trained
     */
    public record Info(
            int version,
            String dataset,
            String heldOut,
            List<String> domains,
            boolean multiLabel,
            int channels,
            int imageSize,
            int dimension,
            Settings settings,
            double heldOutAccuracy,
            int heldOutImages,
            double trainSeconds,
            String created) {}

    private final NDManager manager;
    private final ClassifierNetwork.Blocks blocks;
    private final ParameterStore store;
    private final Info info;

    private ClassifierFeatureExtractor(
            NDManager manager, ClassifierNetwork.Blocks blocks, Info info) {
        this.manager = manager;
        this.blocks = blocks;
        this.store = new ParameterStore(manager, false);
        this.info = info;
    }

    /**
     * Returns the cached classifier of a dataset, training and caching it first when absent.
     *
     * @param train the training split
     * @param heldOut the held-out split, for the recorded accuracy
     * @param cacheRoot the folder of cached classifiers ({@code results/fcd-classifier})
     * @param settings training settings
     * @return the extractor
     * @throws IOException when the cache cannot be read or written
     */
    public static ClassifierFeatureExtractor trainOrLoad(
            DomainDataset train, DomainDataset heldOut, Path cacheRoot, Settings settings)
            throws IOException {
        Path dir = cacheRoot.resolve(cacheKey(train, settings));
        if (Files.exists(dir.resolve("classifier.json"))) {
            return load(dir);
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            long t0 = System.nanoTime();
            var blocks =
                    ClassifierNetwork.build(
                            train.imageSize(), train.labels().size(), settings.width());
            LOG.info(
                    "Training the FCD classifier on {} (once; cached in {})",
                    train.describe(),
                    dir);
            ClassifierNetwork.train(blocks, train, settings, manager);
            double secs = (System.nanoTime() - t0) / 1e9;
            Info provisional = info(train, heldOut, blocks.dimension(), settings, 0, 0, secs);
            var fx = new ClassifierFeatureExtractor(manager, blocks, provisional);
            int scored = Math.min(heldOut.size(), 5000);
            double acc = fx.accuracy(heldOut, scored);
            Info full = info(train, heldOut, blocks.dimension(), settings, acc, scored, secs);
            LOG.info("FCD classifier: held-out accuracy {} after {} s", acc, (int) secs);
            Files.createDirectories(dir);
            Path tmp = dir.resolve("classifier.params.tmp");
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                blocks.full().saveParameters(out);
            }
            Files.move(tmp, dir.resolve("classifier.params"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(
                    dir.resolve("classifier.json"),
                    JSON.writeValueAsString(full),
                    StandardCharsets.UTF_8);
            return new ClassifierFeatureExtractor(manager, blocks, full);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Loads a cached classifier folder ({@code classifier.json} and {@code classifier.params}).
     *
     * @param dir the folder
     * @return the extractor
     * @throws IOException when a file is missing or does not fit
     */
    public static ClassifierFeatureExtractor load(Path dir) throws IOException {
        Info info =
                JSON.readValue(
                        Files.readString(dir.resolve("classifier.json"), StandardCharsets.UTF_8),
                        Info.class);
        NDManager manager = NDManager.newBaseManager();
        try {
            var blocks =
                    ClassifierNetwork.build(
                            info.imageSize(), info.domains().size(), info.settings().width());
            ClassifierNetwork.allocate(blocks, manager, info.channels(), info.imageSize());
            try (DataInputStream in =
                    new DataInputStream(
                            new BufferedInputStream(
                                    Files.newInputStream(dir.resolve("classifier.params"))))) {
                blocks.full().loadParameters(manager, in);
            } catch (MalformedModelException e) {
                throw new IOException("Cannot read the classifier in " + dir, e);
            }
            return new ClassifierFeatureExtractor(manager, blocks, info);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static Info info(
            DomainDataset train,
            DomainDataset heldOut,
            int dim,
            Settings s,
            double acc,
            int scored,
            double secs) {
        return new Info(
                VERSION,
                train.describe(),
                heldOut.describe(),
                train.labels().names(),
                train.labels().kind() == LabelKind.MULTI,
                train.channels(),
                train.imageSize(),
                dim,
                s,
                acc,
                scored,
                secs,
                Instant.now().toString());
    }

    /** Returns the cache folder name of a dataset and settings: a hash of both. */
    static String cacheKey(DomainDataset train, Settings s) {
        String key =
                String.join(
                        "|",
                        "v" + VERSION,
                        train.describe(),
                        train.labels().names().toString(),
                        train.channels() + "x" + train.imageSize(),
                        s.toString());
        try {
            byte[] h =
                    MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(StandardCharsets.UTF_8));
            return "classifier-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the provenance of the classifier. */
    public Info info() {
        return info;
    }

    @Override
    public String name() {
        return String.format(
                "FCD classifier v%d (%d-d pooled features, held-out accuracy %.4f) on %s",
                info.version(), info.dimension(), info.heldOutAccuracy(), info.dataset());
    }

    @Override
    public String distanceName() {
        return DISTANCE_NAME;
    }

    @Override
    public int dimension() {
        return info.dimension();
    }

    @Override
    public double[][] extract(List<BufferedImage> images) {
        return features(toPixels(images), images.size());
    }

    /**
     * Computes the features of model-ready pixels: channel-major floats in [-1, 1] at the
     * classifier's size and channels, as {@link DomainDataset#read} gives them.
     *
     * @param pixels n images, one after another
     * @param n the number of images
     * @return one row per image
     */
    public double[][] features(float[] pixels, int n) {
        try (NDManager m = manager.newSubManager()) {
            NDArray f = ClassifierNetwork.features(blocks, store, input(m, pixels, n));
            return rows(f.toFloatArray(), n, dimension());
        }
    }

    /**
     * Predicts the domain of each image (single-label data) or each attribute (attribute data).
     *
     * @param pixels model-ready pixels, as for {@link #features}
     * @param n the number of images
     * @return per image, the domain scores (logits)
     */
    public double[][] logits(float[] pixels, int n) {
        try (NDManager m = manager.newSubManager()) {
            NDArray y = ClassifierNetwork.logits(blocks, store, input(m, pixels, n));
            return rows(y.toFloatArray(), n, info.domains().size());
        }
    }

    /**
     * Returns the accuracy on the first {@code count} images of a dataset: the share of images
     * whose highest logit is their domain, or for attribute data the share of attributes whose
     * logit sign matches.
     */
    public double accuracy(DomainDataset data, int count) {
        int d = data.labels().size();
        int plane = data.channels() * data.imageSize() * data.imageSize();
        long hits = 0;
        long total = 0;
        for (int start = 0; start < count; start += 256) {
            int n = Math.min(256, count - start);
            float[] px = new float[n * plane];
            float[] lab = new float[n * d];
            for (int k = 0; k < n; k++) {
                data.read(start + k, px, k * plane, lab, k * d, null);
            }
            double[][] z = logits(px, n);
            for (int k = 0; k < n; k++) {
                if (info.multiLabel()) {
                    for (int j = 0; j < d; j++) {
                        hits += (z[k][j] > 0) == (lab[k * d + j] > 0.5f) ? 1 : 0;
                        total++;
                    }
                } else {
                    hits += lab[k * d + argmax(z[k])] > 0.5f ? 1 : 0;
                    total++;
                }
            }
        }
        return total == 0 ? Double.NaN : hits / (double) total;
    }

    /** Returns the index of the largest value. */
    public static int argmax(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    private NDArray input(NDManager m, float[] pixels, int n) {
        int s = info.imageSize();
        return m.create(pixels, new Shape(n, info.channels(), s, s));
    }

    private float[] toPixels(List<BufferedImage> images) {
        int c = info.channels();
        int s = info.imageSize();
        int plane = s * s;
        float[] out = new float[images.size() * c * plane];
        for (int i = 0; i < images.size(); i++) {
            BufferedImage img = images.get(i);
            if (img.getWidth() != s || img.getHeight() != s) {
                throw new IllegalArgumentException(
                        "The FCD classifier takes "
                                + s
                                + " px images, got "
                                + img.getWidth()
                                + "x"
                                + img.getHeight());
            }
            float[] rgb = Images.toRgbChw(img);
            for (int p = 0; p < plane; p++) {
                if (c == 1) {
                    // PIL's convert('L') weights; exact for grey images (equal channels).
                    float v =
                            0.299f * rgb[p] + 0.587f * rgb[plane + p] + 0.114f * rgb[2 * plane + p];
                    out[i * plane + p] = 2 * v - 1;
                } else {
                    for (int ch = 0; ch < 3; ch++) {
                        out[(i * 3 + ch) * plane + p] = 2 * rgb[ch * plane + p] - 1;
                    }
                }
            }
        }
        return out;
    }

    private static double[][] rows(float[] flat, int n, int d) {
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = flat[i * d + j];
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
