package io.github.dwgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dwgan.cli.PrepareCommand;
import io.github.dwgan.train.TrainConfig;
import io.github.dwgan.train.TrainResult;
import io.github.dwgan.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code ./dwgan prepare} on a miniature of each on-disk format, opens the cache as a training
 * run does ({@code dataset=cache}) and trains one iteration on it.
 */
class PrepareThenTrainTest {

    private static final List<String> LOSSES =
            List.of(
                    "D/loss_real",
                    "D/loss_fake",
                    "D/loss_cls",
                    "D/loss_gp",
                    "G/loss_fake",
                    "G/loss_rec",
                    "G/loss_cls");

    @TempDir Path tmp;

    @Test
    void celebaCacheTrainsWithFiveAttributesAsMultiLabel() throws IOException {
        Path root = tmp.resolve("celeba-src");
        CelebAFixture.write(root, 10);

        DomainDataset data = prepareAndOpen("celeba", root, "--test-count", "2");

        assertEquals(8, data.size());
        assertEquals(TrainConfig.CELEBA_ATTRIBUTES, data.labels().names());
        assertEquals(LabelKind.MULTI, data.labels().kind());
        List<float[]> labels = labels(data);
        assertTrue(
                labels.stream().anyMatch(l -> sum(l) > 1),
                "some CelebA row has more than one attribute set");
        Path cache = tmp.resolve("cache");
        CachedDataset all = CachedDataset.open(cache, "celeba", "all");
        List<String> files = Files.readAllLines(PreparedCache.filesPath(cache, "celeba"));
        List<float[]> stored = labels(all);
        for (int i = 0; i < all.size(); i++) {
            String file = Path.of(files.get(i)).getFileName().toString();
            int row = Integer.parseInt(file.substring(0, 6)) - 1;
            for (int a = 0; a < 5; a++) {
                int column = CelebAFixture.NAMES.indexOf(TrainConfig.CELEBA_ATTRIBUTES.get(a));
                float expected = CelebAFixture.value(row, column) > 0 ? 1f : 0f;
                assertEquals(expected, stored.get(i)[a], file + " " + column);
            }
        }
        trainOneIteration(data, "celeba");
    }

    @Test
    void rafdCacheTrainsWithEightExpressionsAsSingleLabel() throws IOException {
        Path root = tmp.resolve("rafd-src");
        int seed = 0;
        for (int angle : new int[] {45, 90}) {
            for (String e : RaFD.EXPRESSIONS) {
                String name =
                        String.format("Rafd%03d_%02d_Caucasian_female_%s_frontal.jpg", angle, 1, e);
                SyntheticImages.write(root.resolve(name), 24, 30, seed++);
            }
        }

        DomainDataset data = prepareAndOpen("rafd", root, "--crop", "24");

        assertEquals(16, data.size());
        assertEquals(RaFD.EXPRESSIONS, data.labels().names());
        assertSingleLabel(data, 3);
        trainOneIteration(data, "rafd");
    }

    @Test
    void stirlingCacheTrainsWithSevenExpressionsAsSingleLabelInGrey() throws IOException {
        Path root = tmp.resolve("stirling-src");
        String[] codes = {"AN", "DI", "FE", "HA", "NE", "SA", "SU"};
        for (int s = 0; s < 2; s++) {
            for (int e = 0; e < codes.length; e++) {
                Path f = root.resolve(String.format("F10%02d_%s.jpg", s, codes[e]));
                SyntheticImages.write(f, 20, 20, s * 10L + e);
            }
        }

        DomainDataset data = prepareAndOpen("stirling", root, "--channels", "1");

        assertEquals(14, data.size());
        assertEquals(Stirling.EXPRESSIONS, data.labels().names());
        assertSingleLabel(data, 1);
        trainOneIteration(data, "stirling");
    }

    @Test
    void folderCacheTrainsWithItsDomainFoldersAsSingleLabel() throws IOException {
        Path root = tmp.resolve("folder-src");
        for (String d : List.of("cats", "dogs")) {
            for (int i = 0; i < 4; i++) {
                SyntheticImages.write(root.resolve(d).resolve(i + ".png"), 30, 20, i);
            }
        }

        DomainDataset data = prepareAndOpen("folder", root, "--domains", "2");

        assertEquals(8, data.size());
        assertEquals(List.of("cats", "dogs"), data.labels().names());
        assertSingleLabel(data, 3);
        trainOneIteration(data, "folder");
    }

    /** Runs the prepare command at 16 px and opens the training split as a run's config would. */
    private DomainDataset prepareAndOpen(String format, Path root, String... extra)
            throws IOException {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--format",
                                format,
                                "--root",
                                root.toString(),
                                "--out",
                                tmp.resolve("cache").toString(),
                                "--image-size",
                                "16",
                                "--threads",
                                "1",
                                "--no-progress"));
        args.addAll(List.of(extra));
        StringWriter err = new StringWriter();
        int rc =
                new CommandLine(new PrepareCommand())
                        .setOut(new PrintWriter(new StringWriter()))
                        .setErr(new PrintWriter(err))
                        .execute(args.toArray(String[]::new));
        assertEquals(0, rc, err.toString());

        DomainDataset data = Datasets.open(config(format), true);
        assertEquals(16, data.imageSize());
        return data;
    }

    private TrainConfig config(String name) {
        return TrainConfig.quick().toBuilder()
                .preset("test")
                .dataset("cache")
                .dataDir(tmp.resolve("cache").resolve(name).toString())
                .imageSize(16)
                .gWidth(4)
                .gResBlocks(1)
                .dWidth(4)
                .dRepeat(3)
                .batchSize(4)
                .nCritic(1)
                .iterations(1)
                .decayIterations(0)
                .sampleCount(2)
                .threads(1)
                .device("cpu")
                .outputDir(tmp.resolve("runs").resolve(name).toString())
                .progressBar(false)
                .fidEvery(0)
                .build();
    }

    /**
     * Trains one iteration and checks the classification loss against its value for logits near
     * zero, as a freshly initialised D gives: K ln 2 for summed binary cross-entropy over K
     * attributes, ln K for softmax cross-entropy over K domains (far apart for every K here).
     */
    private void trainOneIteration(DomainDataset data, String name) throws IOException {
        TrainResult r;
        try (Trainer t = new Trainer(config(name), data, false)) {
            assertEquals(
                    data.labels().size(), t.generator().config().numDomains(), "generator domains");
            r = t.run();
        }
        assertEquals(1, r.iterations());
        for (String k : LOSSES) {
            assertTrue(Double.isFinite(r.lastLosses().get(k)), name + " " + k);
        }
        int k = data.labels().size();
        double atZeroLogits =
                data.labels().kind() == LabelKind.MULTI ? k * Math.log(2) : Math.log(k);
        assertEquals(atZeroLogits, r.lastLosses().get("D/loss_cls"), 0.1, name + " D/loss_cls");
    }

    private static void assertSingleLabel(DomainDataset data, int channels) {
        assertEquals(LabelKind.SINGLE, data.labels().kind());
        assertEquals(channels, data.channels());
        for (float[] l : labels(data)) {
            assertEquals(1f, sum(l), "one domain per image");
        }
    }

    private static List<float[]> labels(DomainDataset data) {
        List<float[]> out = new ArrayList<>();
        float[] px = new float[data.channels() * data.imageSize() * data.imageSize()];
        for (int i = 0; i < data.size(); i++) {
            float[] l = new float[data.labels().size()];
            data.read(i, px, 0, l, 0, null);
            out.add(l);
        }
        return out;
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
