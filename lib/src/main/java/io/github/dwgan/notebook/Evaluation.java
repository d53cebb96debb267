package io.github.dwgan.notebook;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.eval.RunEvaluation;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.train.SampleGrid;
import io.github.dwgan.train.Samples;
import io.github.dwgan.train.TrainConfig;
import io.github.dwgan.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Writes the images an evaluation compares: real test images in one folder and, per architecture,
 * the translations of the same test images by its final generator in another, as PNG files that any
 * FID or KID tool (pytorch-fid, {@code ./dwgan fid}) reads.
 *
 * <p>Each test image is translated to one target domain, chosen in turn from the fixed targets of
 * {@link io.github.dwgan.data.LabelSpace#fixedTargets} (image k goes to target k mod D), so every
 * target domain is equally represented.
 */
public final class Evaluation {
    private static final int BATCH = 16;

    private Evaluation() {}

    /**
     * The images of one architecture.
     *
     * @param architecture the architecture
     * @param iteration the checkpoint's iteration
     * @param images images translated
     * @param secondsPerImage generator wall time per image
     * @param fakeDir the folder of translations
     */
    public record Translations(
            Architecture architecture,
            int iteration,
            int images,
            double secondsPerImage,
            Path fakeDir) {}

    /**
     * Writes up to {@code count} test images, spread evenly over the test set, as PNG files.
     *
     * @param test the test split
     * @param count images to write
     * @param dir the folder (emptied first)
     * @return the number written
     * @throws IOException when writing fails
     */
    public static int writeReal(DomainDataset test, int count, Path dir) throws IOException {
        int[] idx = Samples.fixedIndices(test, count);
        clear(dir);
        int plane = test.channels() * test.imageSize() * test.imageSize();
        float[] label = new float[test.labels().size()];
        for (int k = 0; k < idx.length; k++) {
            float[] px = new float[plane];
            test.read(idx[k], px, 0, label, 0, null);
            write(px, test, dir.resolve(String.format("%06d.png", k)));
        }
        return idx.length;
    }

    /**
     * Loads the latest checkpoint of a run and writes the translations of up to {@code count} test
     * images.
     *
     * @param cfg the run's settings (its folder holds the checkpoint)
     * @param train the training split (the trainer is built on it, as when the run was made)
     * @param test the test split
     * @param count images to translate
     * @param dir the folder (emptied first)
     * @return what was written
     * @throws IOException when the checkpoint cannot be read or images written
     */
    public static Translations writeFake(
            TrainConfig cfg, DomainDataset train, DomainDataset test, int count, Path dir)
            throws IOException {
        clear(dir);
        int[] idx = Samples.fixedIndices(test, count);
        int d = test.labels().size();
        int s = test.imageSize();
        int plane = test.channels() * s * s;
        try (Trainer t = new Trainer(cfg, train, true)) {
            if (t.iterationsDone() == 0) {
                throw new IllegalStateException(
                        "No checkpoint in " + cfg.runDir() + ": train it first (notebook 04).");
            }
            long nanos = 0;
            try (NDManager root = NDManager.newBaseManager(t.device())) {
                for (int from = 0; from < idx.length; from += BATCH) {
                    int n = Math.min(BATCH, idx.length - from);
                    float[] px = new float[n * plane];
                    float[] labels = new float[n * d];
                    float[] label = new float[d];
                    for (int k = 0; k < n; k++) {
                        test.read(idx[from + k], px, k * plane, label, 0, null);
                        float[] target = test.labels().fixedTargets(label).get((from + k) % d);
                        System.arraycopy(target, 0, labels, k * d, d);
                    }
                    long t0 = System.nanoTime();
                    float[] out;
                    try (NDManager m = root.newSubManager()) {
                        NDArray x = m.create(px, new Shape(n, test.channels(), s, s));
                        NDArray c = m.create(labels, new Shape(n, d));
                        boolean grad = JniUtils.isGradMode();
                        JniUtils.setGradMode(false);
                        try {
                            ParameterStore ps = new ParameterStore(m, false);
                            out =
                                    t.generator()
                                            .forward(ps, new NDList(x, c), true)
                                            .head()
                                            .toFloatArray();
                        } finally {
                            JniUtils.setGradMode(grad);
                        }
                    }
                    nanos += System.nanoTime() - t0;
                    for (int k = 0; k < n; k++) {
                        float[] one = new float[plane];
                        System.arraycopy(out, k * plane, one, 0, plane);
                        write(one, test, dir.resolve(String.format("%06d.png", from + k)));
                    }
                }
            }
            return new Translations(
                    cfg.architecture(),
                    t.iterationsDone(),
                    idx.length,
                    nanos / 1e9 / Math.max(1, idx.length),
                    dir);
        }
    }

    /**
     * Tabulates each run's generation metrics (FID or FCD, KID and its spread, target accuracy)
     * with the checkpoint's iteration, one row per architecture.
     */
    public static Table qualityTable(List<RunEvaluation.Summary> scores) {
        StringColumn model = StringColumn.create("model");
        IntColumn iteration = IntColumn.create("iteration");
        List<String> names = new ArrayList<>();
        for (RunEvaluation.Summary s : scores) {
            for (String k : s.generation().keySet()) {
                if (!names.contains(k)) {
                    names.add(k);
                }
            }
        }
        List<DoubleColumn> values = new ArrayList<>();
        names.forEach(n -> values.add(DoubleColumn.create(n)));
        for (RunEvaluation.Summary s : scores) {
            model.append(s.architecture());
            iteration.append(s.iteration());
            for (int i = 0; i < names.size(); i++) {
                Double v = s.generation().get(names.get(i));
                values.get(i).append(v == null ? Double.NaN : v);
            }
        }
        Table t = Table.create("image quality", model, iteration);
        values.forEach(t::addColumns);
        return t;
    }

    /** Tabulates the translations: model, checkpoint iteration, images, time per image. */
    public static Table table(List<Translations> all, int realImages) {
        StringColumn model = StringColumn.create("model");
        IntColumn iteration = IntColumn.create("iteration");
        IntColumn fake = IntColumn.create("fake_images");
        IntColumn real = IntColumn.create("real_images");
        DoubleColumn ms = DoubleColumn.create("ms_per_image");
        for (Translations t : all) {
            model.append(t.architecture().paperName());
            iteration.append(t.iteration());
            fake.append(t.images());
            real.append(realImages);
            ms.append(LayerTable.round(t.secondsPerImage() * 1000));
        }
        return Table.create("evaluation images", model, iteration, fake, real, ms);
    }

    /**
     * Draws the first {@code count} real images in a row and under them the same images as
     * translated by each architecture, titled.
     *
     * @param evalDir the folder holding {@code real/}
     * @param all the translations
     * @param count images per row
     * @return the preview
     * @throws IOException when an image cannot be read
     */
    public static BufferedImage preview(Path evalDir, List<Translations> all, int count)
            throws IOException {
        List<BufferedImage> columns = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        columns.add(strip(evalDir.resolve("real"), count));
        titles.add("real");
        for (Translations t : all) {
            columns.add(strip(t.fakeDir(), count));
            titles.add(t.architecture().paperName());
        }
        return Montage.sideBySide(columns, titles);
    }

    private static BufferedImage strip(Path dir, int count) throws IOException {
        List<BufferedImage> imgs = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Path f = dir.resolve(String.format("%06d.png", k));
            if (Files.isRegularFile(f)) {
                imgs.add(javax.imageio.ImageIO.read(f.toFile()));
            }
        }
        int w = imgs.get(0).getWidth();
        int h = imgs.get(0).getHeight();
        BufferedImage out = new BufferedImage(w, imgs.size() * (h + 2), BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int k = 0; k < imgs.size(); k++) {
            g.drawImage(imgs.get(k), 0, k * (h + 2), null);
        }
        g.dispose();
        return out;
    }

    private static void write(float[] px, DomainDataset data, Path file) throws IOException {
        BufferedImage grid =
                SampleGrid.draw(new float[][][] {{px}}, data.channels(), data.imageSize());
        int s = data.imageSize();
        SampleGrid.writePng(grid.getSubimage(2, 2, s, s), file);
    }

    private static void clear(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            List<Path> old = new ArrayList<>();
            try (var files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".png")).forEach(old::add);
            }
            for (Path f : old) {
                Files.delete(f);
            }
        }
        Files.createDirectories(dir);
    }
}
