package io.github.dwgan.eval;

import ai.djl.ndarray.NDManager;
import io.github.dwgan.data.Datasets;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.data.LabelKind;
import io.github.dwgan.engine.Engines;
import io.github.dwgan.fid.ClassifierFeatureExtractor;
import io.github.dwgan.fid.FeatureExtractor;
import io.github.dwgan.fid.InceptionFeatureExtractor;
import io.github.dwgan.fid.InceptionWeights;
import io.github.dwgan.train.TrainConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * Evaluates a run's latest generator headless: FID or FCD and KID on generated images, domain
 * accuracy of translations (Tribuo), and the augmentation experiment; writes every table, figure
 * and Tribuo provenance into one folder per run.
 */
public final class RunEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(RunEvaluation.class);

    private RunEvaluation() {}

    /**
     * Holds the evaluation settings.
     *
     * @param samples generated images for FID/FCD and KID (0: the run's {@code fidSamples})
     * @param trainImages real training images for the domain classifier
     * @param inputs held-out images translated to every other domain for domain accuracy
     * @param testImages held-out real images for the ceiling and the augmentation test set
     * @param perDomain real images per domain in the augmentation experiment
     * @param seeds seeds of the augmentation experiment
     * @param seed the first seed
     */
    public record Settings(
            int samples,
            int trainImages,
            int inputs,
            int testImages,
            int perDomain,
            int seeds,
            long seed) {
        /**
         * Returns the defaults: the run's M, 1,500 / 300 / 2,000 images, 10 per domain, 5 seeds.
         */
        public static Settings defaults() {
            return new Settings(0, 1500, 300, 2000, 10, 5, 1);
        }
    }

    /**
     * Holds one run's headline numbers.
     *
     * @param run the run folder
     * @param architecture the architecture's paper name
     * @param iteration the checkpoint's iteration
     * @param generation FID or FCD, KID and (with the classifier) target accuracy
     * @param domain the domain-accuracy report, or null for attribute data
     * @param augmentation the augmentation result, or null for attribute data
     */
    public record Summary(
            Path run,
            String architecture,
            int iteration,
            Map<String, Double> generation,
            DomainAccuracy.Report domain,
            Augmentation.Result augmentation) {}

    /**
     * Evaluates one run and writes its results under {@code out/<run folder name>}.
     *
     * @param run the run folder
     * @param s the settings
     * @param out the results folder
     * @return the headline numbers
     * @throws IOException when the run or data cannot be read or results written
     */
    public static Summary evaluate(Path run, Settings s, Path out) throws IOException {
        TrainConfig cfg = RunGenerator.config(run);
        Engines.configure(cfg.threads());
        DomainDataset train = Datasets.open(cfg, true);
        DomainDataset heldOut = Datasets.open(cfg, false);
        Path dir = out.resolve(run.getFileName().toString());
        Files.createDirectories(dir);
        try (NDManager manager = NDManager.newBaseManager();
                FeatureExtractor fx = GenerationMetrics.extractorFor(cfg, heldOut)) {
            RunGenerator rg = RunGenerator.load(run, train, manager);
            String arch = cfg.architecture().paperName();
            LOG.info("Evaluating {} ({}) at iteration {}", run, arch, rg.iteration());
            int m = s.samples() > 0 ? s.samples() : Math.max(2, cfg.fidSamples());
            Map<String, Double> gen;
            try (GenerationMetrics gm = new GenerationMetrics(fx, false, heldOut, m, s.seed())) {
                gen = new LinkedHashMap<>(gm.evaluate(rg.generator(), manager, rg.iteration()));
            }
            gen.put("samples", (double) m);
            writeGeneration(gen, fx, rg.iteration(), dir.resolve("generation.csv"));
            if (train.labels().kind() != LabelKind.SINGLE) {
                LOG.warn("Domain accuracy and augmentation need single-label domains; skipped");
                return new Summary(run, arch, rg.iteration(), gen, null, null);
            }
            DomainAccuracy.Report dr = domainAccuracy(rg, manager, train, heldOut, fx, s);
            DomainAccuracy.write(
                    dr, dir.resolve("domain-accuracy"), arch + ": translations by target domain");
            Augmentation.Result ar;
            try (FeatureExtractor afx = augmentationFeatures(train)) {
                ar =
                        Augmentation.run(
                                rg.generator(),
                                manager,
                                train,
                                heldOut,
                                afx,
                                s.perDomain(),
                                s.seeds(),
                                s.testImages(),
                                s.seed());
            }
            writeAugmentation(ar, dir.resolve("augmentation"));
            return new Summary(run, arch, rg.iteration(), gen, dr, ar);
        }
    }

    /** Scores the translations of held-out images with a Tribuo classifier of real features. */
    static DomainAccuracy.Report domainAccuracy(
            RunGenerator rg,
            NDManager manager,
            DomainDataset train,
            DomainDataset heldOut,
            FeatureExtractor fx,
            Settings s) {
        Random rng = new Random(s.seed());
        int[] tr = first(Translations.permutation(train.size(), rng), s.trainImages());
        int[] te = first(Translations.permutation(heldOut.size(), rng), s.testImages());
        int[] in = first(Translations.permutation(heldOut.size(), rng), s.inputs());
        Translations.Jobs jobs = Translations.everyOtherTarget(heldOut, in);
        int c = heldOut.channels();
        int size = heldOut.imageSize();
        float[] fake = Translations.run(rg.generator(), manager, jobs, c, size);
        List<String> domains = train.labels().names();
        List<String> fakeY = new ArrayList<>();
        for (int t : jobs.targetDomain()) {
            fakeY.add(domains.get(t));
        }
        DomainAccuracy.Report r =
                DomainAccuracy.score(
                        Features.of(fx, train, tr),
                        Augmentation.labelsOf(train, tr),
                        Features.of(fx, heldOut, te),
                        Augmentation.labelsOf(heldOut, te),
                        Features.of(fx, fake, jobs.n(), c, size),
                        fakeY,
                        domains,
                        s.seed());
        if (!(fx instanceof ClassifierFeatureExtractor cf)) {
            return r;
        }
        // The FCD network's own head judges the same translations: where the two judges disagree,
        // neither score is a property of the generator alone.
        double[][] z = cf.logits(Features.quantise(fake.clone()), jobs.n());
        List<String> head = new ArrayList<>();
        for (double[] row : z) {
            head.add(domains.get(ClassifierFeatureExtractor.argmax(row)));
        }
        DomainAccuracy.Report withHead = r.withReference(head, fakeY);
        LOG.info(
                "Domain accuracy of translations: Tribuo {}, FCD head {}, agreement {}",
                String.format("%.3f", withHead.translatedAccuracy()),
                String.format("%.3f", withHead.referenceAccuracy()),
                String.format("%.3f", withHead.agreement()));
        return withHead;
    }

    /** Returns Inception features when the weights are present, else raw pixels. */
    static FeatureExtractor augmentationFeatures(DomainDataset data) throws IOException {
        Path w = InceptionWeights.defaultPath();
        return Files.exists(w)
                ? InceptionFeatureExtractor.load(w)
                : new PixelFeatureExtractor(data.channels(), data.imageSize());
    }

    private static int[] first(int[] a, int n) {
        return Arrays.copyOf(a, Math.min(a.length, n));
    }

    private static void writeGeneration(
            Map<String, Double> gen, FeatureExtractor fx, int iteration, Path csv)
            throws IOException {
        StringBuilder sb = new StringBuilder("iteration,metric,value\n");
        gen.forEach(
                (k, v) ->
                        sb.append(iteration)
                                .append(',')
                                .append(k)
                                .append(',')
                                .append(v)
                                .append('\n'));
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
        Files.writeString(
                csv.resolveSibling("features.txt"), fx.name() + "\n", StandardCharsets.UTF_8);
    }

    private static void writeAugmentation(Augmentation.Result r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Table t =
                Table.create(
                        "augmentation, " + r.perDomain() + " real per domain",
                        LongColumn.create(
                                "seed",
                                r.rows().stream().mapToLong(Augmentation.Row::seed).toArray()),
                        DoubleColumn.create(
                                "real_only",
                                r.rows().stream()
                                        .mapToDouble(Augmentation.Row::realOnly)
                                        .toArray()),
                        DoubleColumn.create(
                                "augmented",
                                r.rows().stream()
                                        .mapToDouble(Augmentation.Row::augmented)
                                        .toArray()),
                        IntColumn.create(
                                "real_images",
                                r.rows().stream().mapToInt(Augmentation.Row::realImages).toArray()),
                        IntColumn.create(
                                "translated_images",
                                r.rows().stream()
                                        .mapToInt(Augmentation.Row::translatedImages)
                                        .toArray()));
        t.write().csv(dir.resolve("seeds.csv").toFile());
        Files.writeString(dir.resolve("features.txt"), r.features() + "\n", StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("tribuo-provenance.txt"), r.provenance(), StandardCharsets.UTF_8);
    }

    /** Returns one row per run: generation metrics, domain accuracy and its ceiling. */
    public static Table domainTable(List<Summary> runs) {
        Table t = Table.create("domain accuracy of translations");
        t.addColumns(
                tech.tablesaw.api.StringColumn.create(
                        "run", runs.stream().map(r -> r.run().getFileName().toString()).toList()),
                tech.tablesaw.api.StringColumn.create(
                        "architecture", runs.stream().map(Summary::architecture).toList()),
                IntColumn.create(
                        "iteration", runs.stream().mapToInt(Summary::iteration).toArray()));
        List<String> keys = new ArrayList<>();
        runs.forEach(
                r ->
                        r.generation()
                                .keySet()
                                .forEach(
                                        k -> {
                                            if (!keys.contains(k)) {
                                                keys.add(k);
                                            }
                                        }));
        for (String k : keys) {
            t.addColumns(
                    DoubleColumn.create(
                            k,
                            runs.stream()
                                    .mapToDouble(r -> r.generation().getOrDefault(k, Double.NaN))
                                    .toArray()));
        }
        t.addColumns(
                DoubleColumn.create(
                        "real_accuracy",
                        runs.stream()
                                .mapToDouble(
                                        r ->
                                                r.domain() == null
                                                        ? Double.NaN
                                                        : r.domain().realAccuracy())
                                .toArray()),
                DoubleColumn.create(
                        "translated_accuracy",
                        runs.stream()
                                .mapToDouble(
                                        r ->
                                                r.domain() == null
                                                        ? Double.NaN
                                                        : r.domain().translatedAccuracy())
                                .toArray()),
                DoubleColumn.create(
                        "reference_accuracy",
                        runs.stream()
                                .mapToDouble(
                                        r ->
                                                r.domain() == null
                                                        ? Double.NaN
                                                        : r.domain().referenceAccuracy())
                                .toArray()),
                DoubleColumn.create(
                        "agreement",
                        runs.stream()
                                .mapToDouble(
                                        r ->
                                                r.domain() == null
                                                        ? Double.NaN
                                                        : r.domain().agreement())
                                .toArray()));
        return t;
    }

    /** Returns one row per run: augmentation means and spreads over seeds. */
    public static Table augmentationTable(List<Summary> runs) {
        List<Summary> ok = runs.stream().filter(r -> r.augmentation() != null).toList();
        return Table.create(
                "augmentation: held-out real accuracy",
                tech.tablesaw.api.StringColumn.create(
                        "run", ok.stream().map(r -> r.run().getFileName().toString()).toList()),
                tech.tablesaw.api.StringColumn.create(
                        "architecture", ok.stream().map(Summary::architecture).toList()),
                IntColumn.create(
                        "per_domain",
                        ok.stream().mapToInt(r -> r.augmentation().perDomain()).toArray()),
                IntColumn.create(
                        "seeds",
                        ok.stream().mapToInt(r -> r.augmentation().rows().size()).toArray()),
                DoubleColumn.create(
                        "real_only_mean",
                        ok.stream().mapToDouble(r -> r.augmentation().realOnlyMean()).toArray()),
                DoubleColumn.create(
                        "real_only_std",
                        ok.stream().mapToDouble(r -> r.augmentation().realOnlyStd()).toArray()),
                DoubleColumn.create(
                        "augmented_mean",
                        ok.stream().mapToDouble(r -> r.augmentation().augmentedMean()).toArray()),
                DoubleColumn.create(
                        "augmented_std",
                        ok.stream().mapToDouble(r -> r.augmentation().augmentedStd()).toArray()));
    }
}
