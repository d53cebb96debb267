package io.github.dwgan.cli;

import io.github.dwgan.data.Datasets;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.eval.GenerationMetrics;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.train.Builder;
import io.github.dwgan.train.PeriodicEvaluator;
import io.github.dwgan.train.TrainConfig;
import io.github.dwgan.train.TrainResult;
import io.github.dwgan.train.Trainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains one architecture. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains one architecture (StarGAN's schedule), writing samples, checkpoints,",
            "metrics.csv and provenance.json to the run folder. Ctrl-C and --resume continue."
        })
public final class TrainCommand implements Callable<Integer> {
    @Mixin TrainOptions options;

    @Option(
            names = "--arch",
            defaultValue = "StarGAN",
            description = "StarGAN, DepthwiseG, DepthwiseDG or DeeperDepthwiseG.")
    String arch;

    @Option(names = "--output", description = "Run folder (default results/runs/PRESET-ARCH).")
    String output;

    @Option(names = "--resume", description = "Continue from the run folder's latest checkpoint.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        Architecture a = Architecture.parse(arch);
        Builder b = options.builder().architecture(a);
        b.outputDir(output != null ? output : TrainOptions.runDir(options.preset, a));
        TrainConfig cfg = b.build();
        cfg.checkSizes();
        DomainDataset data = Datasets.open(cfg, true);
        try (Trainer t = new Trainer(cfg, data, resume);
                PeriodicEvaluator evaluator =
                        cfg.fidEvery() > 0 ? GenerationMetrics.forRun(cfg) : null) {
            t.setEvaluator(evaluator);
            Thread main = Thread.currentThread();
            Thread hook =
                    new Thread(
                            () -> {
                                t.requestStop();
                                try {
                                    main.join(120_000);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            });
            Runtime.getRuntime().addShutdownHook(hook);
            TrainResult r = t.run();
            Runtime.getRuntime().removeShutdownHook(hook);
            System.out.printf(
                    "%s: %d iterations, %.3f s/iteration, run folder %s%n",
                    a.paperName(), r.iterations(), r.secondsPerIteration(), r.runDir());
        }
        return 0;
    }
}
