package io.github.dwgan.cli;

import ai.djl.ndarray.NDManager;
import io.github.dwgan.data.Datasets;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.eval.GenerationMetrics;
import io.github.dwgan.eval.RunGenerator;
import io.github.dwgan.fid.FeatureExtractor;
import io.github.dwgan.fid.FeatureStatistics;
import io.github.dwgan.fid.FolderFeatures;
import io.github.dwgan.fid.FrechetDistance;
import io.github.dwgan.fid.InceptionFeatureExtractor;
import io.github.dwgan.fid.InceptionWeights;
import io.github.dwgan.fid.KernelInceptionDistance;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Computes FID (as pytorch-fid) and KID between two image folders, or a folder and an {@code .npz}
 * statistics file, or saves a folder's statistics.
 */
@Command(
        name = "fid",
        mixinStandardHelpOptions = true,
        description = {
            "Computes FID (as pytorch-fid: FID Inception-v3, 2048-d pool features) between two"
                    + " image folders or a folder and an .npz file of mu and sigma, and KID"
                    + " (unbiased, polynomial kernel) when both are folders.",
            "Needs pytorch-fid's weights file "
                    + InceptionWeights.FILE_NAME
                    + "; nothing is"
                    + " downloaded."
        })
public final class FidCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(
            arity = "0..2",
            paramLabel = "PATH",
            description = "Two image folders or .npz files; one folder with --save-stats.")
    Path[] paths = new Path[0];

    @Option(
            names = "--run",
            paramLabel = "RUN",
            description =
                    "A run folder instead of PATHs: translates held-out images with its latest"
                            + " checkpoint and prints FID (or FCD without the Inception weights)"
                            + " and KID against the held-out real images.")
    Path run;

    @Option(
            names = "--samples",
            defaultValue = "0",
            description = "With --run: generated images (0: the run's fidSamples).")
    int samples;

    @Option(
            names = "--inception-weights",
            paramLabel = "FILE",
            description =
                    "pytorch-fid's weights (default: -Ddwgan.inception.weights,"
                            + " $DWGAN_INCEPTION_WEIGHTS, or data/weights/"
                            + InceptionWeights.FILE_NAME
                            + ").")
    Path weights;

    @Option(names = "--batch-size", defaultValue = "50", description = "Images per batch.")
    int batchSize;

    @Option(
            names = "--save-stats",
            paramLabel = "NPZ",
            description = "Save the first folder's mu and sigma to this .npz and stop.")
    Path saveStats;

    @Option(names = "--kid-subsets", defaultValue = "100", description = "KID subsets.")
    int kidSubsets;

    @Option(names = "--kid-subset-size", defaultValue = "1000", description = "KID subset size.")
    int kidSubsetSize;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the KID subsets.")
    long seed;

    /** Channel divisor of the network, for tests with reduced-width weights only. */
    @Option(names = "--width-divisor", defaultValue = "1", hidden = true)
    int widthDivisor;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (run != null) {
            return scoreRun(out);
        }
        Path w = weights != null ? weights : InceptionWeights.defaultPath();
        boolean twoFolders =
                paths.length == 2 && Files.isDirectory(paths[0]) && Files.isDirectory(paths[1]);
        if (paths.length == 0 || (saveStats == null && paths.length != 2)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "give two paths, one folder with --save-stats, or --run RUN");
        }
        try (FeatureExtractor fx = InceptionFeatureExtractor.load(w, widthDivisor)) {
            FolderFeatures.Result a = statsOf(fx, paths[0], twoFolders);
            if (saveStats != null) {
                a.statistics().save(saveStats);
                out.printf(
                        "Saved %d-sample statistics of %s to %s%n",
                        a.statistics().count(), paths[0], saveStats);
                return 0;
            }
            FolderFeatures.Result b = statsOf(fx, paths[1], twoFolders);
            double fid = FrechetDistance.compute(a.statistics(), b.statistics());
            out.printf("%s: %.6f%n", fx.distanceName(), fid);
            if (twoFolders) {
                KernelInceptionDistance.Result kid =
                        KernelInceptionDistance.compute(
                                a.features(),
                                b.features(),
                                kidSubsets,
                                kidSubsetSize,
                                new Random(seed));
                out.printf(
                        "KID: %.6f +- %.6f (std over %d subsets of %d)%n",
                        kid.mean(), kid.std(), kid.subsets(), kid.subsetSize());
            } else {
                out.println("KID: not computed (needs the features of two folders)");
            }
            return 0;
        }
    }

    private int scoreRun(PrintWriter out) throws java.io.IOException {
        var cfg = RunGenerator.config(run);
        io.github.dwgan.engine.Engines.configure(cfg.threads());
        DomainDataset train = Datasets.open(cfg, true);
        DomainDataset heldOut = Datasets.open(cfg, false);
        int m = samples > 0 ? samples : Math.max(2, cfg.fidSamples());
        try (NDManager manager = NDManager.newBaseManager();
                FeatureExtractor fx = GenerationMetrics.extractorFor(cfg, heldOut);
                GenerationMetrics gm = new GenerationMetrics(fx, false, heldOut, m, seed)) {
            RunGenerator rg = RunGenerator.load(run, train, manager);
            var values = gm.evaluate(rg.generator(), manager, rg.iteration());
            out.printf(
                    "%s at iteration %d, %d generated images, features: %s%n",
                    run, rg.iteration(), gm.samples(), fx.name());
            values.forEach((k, v) -> out.printf(java.util.Locale.ROOT, "%s: %.6f%n", k, v));
            return 0;
        }
    }

    private FolderFeatures.Result statsOf(FeatureExtractor fx, Path p, boolean keep)
            throws java.io.IOException {
        if (Files.isDirectory(p)) {
            return FolderFeatures.compute(fx, p, batchSize, keep);
        }
        return new FolderFeatures.Result(FeatureStatistics.load(p), null);
    }
}
