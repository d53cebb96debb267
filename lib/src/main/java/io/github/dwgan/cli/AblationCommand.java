package io.github.dwgan.cli;

import io.github.dwgan.data.Datasets;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.train.Ablation;
import io.github.dwgan.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains the four architectures under one budget and compares them. */
@Command(
        name = "ablation",
        mixinStandardHelpOptions = true,
        description = {
            "Trains StarGAN, DepthwiseG, DepthwiseDG and DeeperDepthwiseG with one preset,",
            "then writes a summary table and loss figures to the results folder."
        })
public final class AblationCommand implements Callable<Integer> {
    @Mixin TrainOptions options;

    @Option(names = "--arch", split = ",", description = "Subset of architectures (default all).")
    List<String> archs;

    @Option(
            names = "--results",
            defaultValue = "results",
            description = "Where the summary table and figures go.")
    Path results;

    @Option(names = "--resume", description = "Continue runs from their latest checkpoints.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        List<Architecture> list = new ArrayList<>();
        if (archs == null) {
            list.addAll(List.of(Architecture.values()));
        } else {
            archs.forEach(a -> list.add(Architecture.parse(a)));
        }
        List<TrainConfig> configs = new ArrayList<>();
        for (Architecture a : list) {
            configs.add(
                    options.builder()
                            .architecture(a)
                            .outputDir(TrainOptions.runDir(options.preset, a))
                            .build());
        }
        configs.get(0).checkSizes();
        DomainDataset data = Datasets.open(configs.get(0), true);
        Ablation.Summary s =
                Ablation.run(
                        configs,
                        data,
                        resume,
                        results,
                        options.preset,
                        io.github.dwgan.eval.GenerationMetrics::forRun);
        System.out.print(s.text());
        return 0;
    }
}
