package io.github.dwgan.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dwgan.loss.AdversarialLoss;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.model.ModelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Holds every setting of one training run; immutable, saved as JSON beside the run's results.
 * Defaults are the paper's setting (StarGAN's schedule on 128x128 CelebA); {@link #quick()} is a
 * CPU-sized run on Fashion-MNIST.
 *
 * @param preset the preset this config started from ("paper", "quick" or "custom")
 * @param architecture which of the four models
 * @param dataset dataset kind: fashion-mnist (IDX files) or cache (written by {@code ./dwgan
 *     prepare} from CelebA, RaFD, Stirling or an image folder)
 * @param dataDir dataset location: the folder of IDX files, or the cache folder joined with the
 *     cache name ({@code results/cache/celeba})
 * @param domains the domains: Fashion-MNIST class names or CelebA attribute names; empty for
 *     datasets whose folders define them
 * @param imageSize training image size
 * @param gWidth generator base width (64)
 * @param gResBlocks generator residual blocks (6)
 * @param dWidth discriminator base width (64)
 * @param dRepeat discriminator stride-2 convolutions (6)
 * @param iterations total generator-discriminator iterations (200,000)
 * @param batchSize images per batch (16)
 * @param nCritic discriminator updates per generator update (5)
 * @param gLr generator learning rate (1e-4)
 * @param dLr discriminator learning rate (1e-4)
 * @param beta1 Adam beta1 (0.5)
 * @param beta2 Adam beta2 (0.999)
 * @param decayIterations final iterations over which both learning rates fall linearly to zero
 *     (half the run, StarGAN's num_iters_decay)
 * @param adversarialLoss WGAN-GP (StarGAN) or the paper's log-likelihood loss (eq. 3)
 * @param lambdaCls weight of the domain classification loss (1)
 * @param lambdaRec weight of the cycle reconstruction loss (10)
 * @param lambdaGp weight of the gradient penalty (10)
 * @param logEvery iterations between log lines and metric rows
 * @param sampleEvery iterations between sample grids
 * @param checkpointEvery iterations between checkpoints
 * @param keepCheckpoints how many recent checkpoints to keep
 * @param sampleCount input images in the fixed sample batch
 * @param fidEvery iterations between evaluations of the generated images' distance to held-out real
 *     images (FID with the Inception weights, else FCD on a classifier's features) and KID,
 *     appended to {@code metrics.csv}; 0 turns them off
 * @param fidSamples generated images per evaluation (the paper's 140 gives a strongly biased FID:
 *     compare only numbers with the same count, and prefer KID)
 * @param seed seed of weights, data order, labels and penalty interpolation
 * @param device auto, cpu, gpu or gpu:N
 * @param threads intra-op CPU threads (0: one per core)
 * @param outputDir the run folder
 * @param progressBar whether to draw a progress bar with ETA
 */
public record TrainConfig(
        String preset,
        Architecture architecture,
        String dataset,
        String dataDir,
        List<String> domains,
        int imageSize,
        int gWidth,
        int gResBlocks,
        int dWidth,
        int dRepeat,
        int iterations,
        int batchSize,
        int nCritic,
        double gLr,
        double dLr,
        double beta1,
        double beta2,
        int decayIterations,
        AdversarialLoss adversarialLoss,
        double lambdaCls,
        double lambdaRec,
        double lambdaGp,
        int logEvery,
        int sampleEvery,
        int checkpointEvery,
        int keepCheckpoints,
        int sampleCount,
        int fidEvery,
        int fidSamples,
        long seed,
        String device,
        int threads,
        String outputDir,
        boolean progressBar) {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** StarGAN's five CelebA attributes, the paper's default domains. */
    public static final List<String> CELEBA_ATTRIBUTES =
            List.of("Black_Hair", "Blond_Hair", "Brown_Hair", "Male", "Young");

    /** Three shoe classes of Fashion-MNIST: the quick preset's domains. */
    public static final List<String> SHOES = List.of("Sandal", "Sneaker", "Ankle boot");

    /** Checks ranges; every message names the setting. */
    public TrainConfig {
        domains = List.copyOf(domains);
        require(iterations > 0, "iterations must be positive");
        require(batchSize > 1, "batchSize must be at least 2 (labels are permuted in a batch)");
        require(nCritic > 0, "nCritic must be positive");
        require(
                decayIterations >= 0 && decayIterations <= iterations,
                "decayIterations must be in 0..iterations");
        require(
                logEvery > 0 && sampleEvery > 0 && checkpointEvery > 0,
                "logEvery, sampleEvery and checkpointEvery must be positive");
        require(keepCheckpoints > 0, "keepCheckpoints must be positive");
        require(fidEvery >= 0, "fidEvery must be 0 (off) or positive");
        require(fidEvery == 0 || fidSamples >= 2, "fidSamples must be at least 2");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Returns the paper's setting: StarGAN on CelebA at 128x128 for 200,000 iterations, read from
     * the cache that {@code ./dwgan prepare --format celeba --root data/celeba} writes (StarGAN's
     * five attributes, its 178 px centre crop and test split).
     */
    public static TrainConfig paper() {
        return new TrainConfig(
                "paper",
                Architecture.STARGAN,
                "cache",
                "results/cache/celeba",
                CELEBA_ATTRIBUTES,
                128,
                64,
                6,
                64,
                6,
                200_000,
                16,
                5,
                1e-4,
                1e-4,
                0.5,
                0.999,
                100_000,
                AdversarialLoss.WGAN_GP,
                1,
                10,
                10,
                10,
                1000,
                10_000,
                3,
                8,
                10_000,
                140,
                1234,
                "auto",
                0,
                "results/runs/paper-stargan",
                true);
    }

    /**
     * Returns a run that finishes in minutes on two CPU cores: three Fashion-MNIST shoe classes
     * padded to 32 px, base widths 16, 6 residual blocks, 4 discriminator convolutions (a 2x2 last
     * map, as StarGAN's 128/2^6), 1,000 iterations (about two minutes each), one thread.
     */
    public static TrainConfig quick() {
        return new TrainConfig(
                "quick",
                Architecture.STARGAN,
                "fashion-mnist",
                "/usr/share/datasets/fashion-mnist",
                SHOES,
                32,
                16,
                6,
                16,
                4,
                1000,
                16,
                5,
                1e-4,
                1e-4,
                0.5,
                0.999,
                500,
                AdversarialLoss.WGAN_GP,
                1,
                10,
                10,
                50,
                250,
                250,
                2,
                6,
                250,
                500,
                1234,
                "auto",
                1,
                "results/runs/quick-stargan",
                true);
    }

    /** Returns the named preset: paper or quick. */
    public static TrainConfig preset(String name) {
        return switch (name) {
            case "paper" -> paper();
            case "quick" -> quick();
            default ->
                    throw new IllegalArgumentException(
                            "Unknown preset '" + name + "': use paper or quick.");
        };
    }

    /**
     * Checks that the image size suits the generator and discriminator before any data is read, so
     * that a wrong size fails at once with a hint.
     *
     * @throws IllegalArgumentException naming the setting to change
     */
    public void checkSizes() {
        model(3, Math.max(2, domains.size()));
    }

    /** Returns the model configuration for a dataset with these channels and domains. */
    public ModelConfig model(int channels, int numDomains) {
        return architecture.config(
                imageSize, channels, numDomains, gWidth, gResBlocks, dWidth, dRepeat);
    }

    /**
     * Returns the learning rate at 0-based iteration {@code i}: constant, then falling linearly to
     * zero over the last {@code decayIterations} iterations.
     *
     * <p>Note: StarGAN's code subtracts lr / num_iters_decay only once every 1,000 iterations, so
     * its rate falls by just 0.1% over the decay; the linear decay to zero described in its paper
     * is implemented here instead.
     */
    public double learningRate(double base, int i) {
        int decayStart = iterations - decayIterations;
        if (decayIterations == 0 || i < decayStart) {
            return base;
        }
        return base * (iterations - i) / (double) decayIterations;
    }

    /** Returns the run folder. */
    public Path runDir() {
        return Path.of(outputDir);
    }

    /** Returns this config as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a config written by {@link #toJson()}. */
    public static TrainConfig fromJson(String json) {
        try {
            return JSON.readValue(json, TrainConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** Returns a builder initialised with this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }
}
