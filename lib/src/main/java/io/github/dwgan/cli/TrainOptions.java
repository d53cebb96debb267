package io.github.dwgan.cli;

import io.github.dwgan.loss.AdversarialLoss;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.train.Builder;
import io.github.dwgan.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Command-line overrides of a preset's training settings, shared by train and ablation. */
public class TrainOptions {
    @Option(
            names = "--preset",
            defaultValue = "quick",
            description = "quick (CPU minutes, Fashion-MNIST) or paper (GPU, CelebA 128 px).")
    String preset;

    @Option(names = "--config", description = "A config.json of an earlier run to start from.")
    Path config;

    @Option(names = "--dataset", description = "fashion-mnist or cache (see prepare).")
    String dataset;

    @Option(names = "--data-dir", description = "Dataset folder.")
    String dataDir;

    @Option(
            names = "--domains",
            split = ",",
            description = "Domains: Fashion-MNIST classes or CelebA attributes, comma-separated.")
    List<String> domains;

    @Option(names = "--image-size", description = "Image size in pixels.")
    Integer imageSize;

    @Option(names = "--iterations", description = "Total iterations.")
    Integer iterations;

    @Option(names = "--batch-size", description = "Batch size.")
    Integer batchSize;

    @Option(names = "--g-width", description = "Generator base width.")
    Integer gWidth;

    @Option(names = "--d-width", description = "Discriminator base width.")
    Integer dWidth;

    @Option(names = "--res-blocks", description = "Generator residual blocks.")
    Integer resBlocks;

    @Option(names = "--d-repeat", description = "Discriminator stride-2 convolutions.")
    Integer dRepeat;

    @Option(names = "--loss", description = "WGAN_GP (StarGAN) or LOG_LIKELIHOOD (paper eq. 3).")
    AdversarialLoss loss;

    @Option(names = "--log-every", description = "Iterations between log lines.")
    Integer logEvery;

    @Option(names = "--sample-every", description = "Iterations between sample grids.")
    Integer sampleEvery;

    @Option(names = "--checkpoint-every", description = "Iterations between checkpoints.")
    Integer checkpointEvery;

    @Option(
            names = "--fid-every",
            description =
                    "Iterations between FID (Inception weights present) or FCD (offline"
                            + " classifier) and KID on generated images; 0 turns them off.")
    Integer fidEvery;

    @Option(names = "--fid-samples", description = "Generated images per FID/FCD evaluation.")
    Integer fidSamples;

    @Option(names = "--seed", description = "Random seed.")
    Long seed;

    @Option(names = "--device", description = "auto, cpu, gpu or gpu:N.")
    String device;

    @Option(names = "--threads", description = "CPU threads (0: one per core).")
    Integer threads;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    /** Returns the preset (or loaded config) with every given option applied. */
    Builder builder() throws IOException {
        TrainConfig base =
                config != null
                        ? TrainConfig.fromJson(Files.readString(config))
                        : TrainConfig.preset(preset);
        Builder b = base.toBuilder();
        if (dataset != null) {
            b.dataset(dataset);
        }
        if (dataDir != null) {
            b.dataDir(dataDir);
        }
        if (domains != null) {
            b.domains(domains);
        }
        if (imageSize != null) {
            b.imageSize(imageSize);
        }
        if (iterations != null) {
            b.iterations(iterations).decayIterations(iterations / 2);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (gWidth != null) {
            b.gWidth(gWidth);
        }
        if (dWidth != null) {
            b.dWidth(dWidth);
        }
        if (resBlocks != null) {
            b.gResBlocks(resBlocks);
        }
        if (dRepeat != null) {
            b.dRepeat(dRepeat);
        }
        if (loss != null) {
            b.adversarialLoss(loss);
        }
        if (logEvery != null) {
            b.logEvery(logEvery);
        }
        if (sampleEvery != null) {
            b.sampleEvery(sampleEvery);
        }
        if (checkpointEvery != null) {
            b.checkpointEvery(checkpointEvery);
        }
        if (fidEvery != null) {
            b.fidEvery(fidEvery);
        }
        if (fidSamples != null) {
            b.fidSamples(fidSamples);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (device != null) {
            b.device(device);
        }
        if (threads != null) {
            b.threads(threads);
        }
        if (noProgress) {
            b.progressBar(false);
        }
        return b;
    }

    /** Returns the default run folder of an architecture under a preset. */
    static String runDir(String preset, Architecture a) {
        return "results/runs/" + preset + "-" + a.paperName().toLowerCase(java.util.Locale.ROOT);
    }
}
