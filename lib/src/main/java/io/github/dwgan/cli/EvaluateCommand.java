package io.github.dwgan.cli;

import io.github.dwgan.eval.RunEvaluation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** Evaluates runs' latest generators: FID or FCD, KID, domain accuracy and augmentation. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates each run folder's latest checkpoint: FID (with the Inception weights) or"
                    + " FCD (offline classifier) and KID on translations of held-out images;"
                    + " domain accuracy of translations with a Tribuo classifier of real features"
                    + " (with its held-out real accuracy as the ceiling); and the augmentation"
                    + " experiment (few real images per domain, with and without translations).",
            "Writes OUT/RUN/... per run and OUT/domain-accuracy.csv, OUT/augmentation.csv."
        })
public final class EvaluateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run folders.")
    List<Path> runs;

    @Option(names = "--out", defaultValue = "results/eval", description = "Results folder.")
    Path out;

    @Option(
            names = "--samples",
            defaultValue = "0",
            description = "Generated images for FID/FCD and KID (0: the run's fidSamples).")
    int samples;

    @Option(
            names = "--train-images",
            defaultValue = "1500",
            description = "Real training images for the domain classifier.")
    int trainImages;

    @Option(
            names = "--inputs",
            defaultValue = "300",
            description = "Held-out images translated to every other domain.")
    int inputs;

    @Option(
            names = "--test-images",
            defaultValue = "2000",
            description = "Held-out real images for the ceiling and the augmentation test set.")
    int testImages;

    @Option(
            names = "--per-domain",
            defaultValue = "10",
            description = "Real images per domain in the augmentation experiment.")
    int perDomain;

    @Option(names = "--seeds", defaultValue = "5", description = "Augmentation seeds.")
    int seeds;

    @Option(names = "--seed", defaultValue = "1", description = "First seed.")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        var s =
                new RunEvaluation.Settings(
                        samples, trainImages, inputs, testImages, perDomain, seeds, seed);
        List<RunEvaluation.Summary> done = new ArrayList<>();
        for (Path run : runs) {
            RunEvaluation.Summary r = RunEvaluation.evaluate(run, s, out);
            done.add(r);
            StringBuilder line = new StringBuilder();
            r.generation()
                    .forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4g", k, v)));
            pw.printf("%s (%s, iteration %d):%s%n", run, r.architecture(), r.iteration(), line);
            if (r.domain() != null) {
                pw.printf(
                        Locale.ROOT,
                        "  domain accuracy: translations %.4f (%d), held-out real %.4f (%d)%n",
                        r.domain().translatedAccuracy(),
                        r.domain().translatedCount(),
                        r.domain().realAccuracy(),
                        r.domain().realCount());
                if (!Double.isNaN(r.domain().agreement())) {
                    pw.printf(
                            Locale.ROOT,
                            "  same translations, FCD head: %.4f; Tribuo and head agree on %.4f%n",
                            r.domain().referenceAccuracy(),
                            r.domain().agreement());
                }
                var a = r.augmentation();
                pw.printf(
                        Locale.ROOT,
                        "  augmentation (%d real/domain, %d seeds): real only %.4f +- %.4f,"
                                + " with translations %.4f +- %.4f%n",
                        a.perDomain(),
                        a.rows().size(),
                        a.realOnlyMean(),
                        a.realOnlyStd(),
                        a.augmentedMean(),
                        a.augmentedStd());
            }
            pw.flush();
        }
        Files.createDirectories(out);
        Table dt = RunEvaluation.domainTable(done);
        dt.write().csv(out.resolve("domain-accuracy.csv").toFile());
        Table at = RunEvaluation.augmentationTable(done);
        at.write().csv(out.resolve("augmentation.csv").toFile());
        pw.println(dt.print());
        pw.println(at.print());
        return 0;
    }
}
