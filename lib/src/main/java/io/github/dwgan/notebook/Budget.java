package io.github.dwgan.notebook;

import io.github.dwgan.engine.ProjectHome;
import io.github.dwgan.eval.RunEvaluation;
import io.github.dwgan.model.Architecture;
import io.github.dwgan.model.ModelConfig;
import io.github.dwgan.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a notebook's budget from the environment, so that one notebook runs at the paper's full
 * size for a person and in seconds for CI, unchanged.
 *
 * <p>{@code DWGAN_BUDGET} picks the preset: {@code paper} (the default: {@link
 * TrainConfig#paper()}, 128 px CelebA, 200,000 iterations), {@code quick} ({@link
 * TrainConfig#quick()}, Fashion-MNIST shoes, minutes per architecture on a CPU) or {@code smoke}
 * (quick shrunk to a few iterations of tiny models: it checks that every cell runs, its pictures
 * mean nothing). {@code DWGAN_ITERATIONS} overrides the iteration count, {@code DWGAN_EVAL_SAMPLES}
 * the number of test images translated for evaluation, {@code DWGAN_TIMING_REPEATS} the repetitions
 * of each timing, and {@code DWGAN_HOME} the repository root (found from the working directory
 * otherwise).
 *
 * @param name the budget name: paper, quick or smoke
 * @param base the training settings of the budget, before any architecture is chosen
 * @param evalSamples test images translated per architecture in evaluation
 * @param timingRepeats repetitions of each forward and backward timing
 * @param home the repository root: results and relative data paths resolve against it
 */
public record Budget(String name, TrainConfig base, int evalSamples, int timingRepeats, Path home) {

    /** Returns the budget named by {@code DWGAN_BUDGET} (default paper) and the overrides. */
    public static Budget fromEnvironment() {
        return of(env("DWGAN_BUDGET", "paper"));
    }

    /**
     * Returns a named budget with the environment's overrides applied.
     *
     * @param name paper, quick or smoke
     * @return the budget
     * @throws IllegalArgumentException for another name
     */
    public static Budget of(String name) {
        Path home = findHome();
        String n = name.trim().toLowerCase(Locale.ROOT);
        TrainConfig base;
        int eval;
        int repeats;
        switch (n) {
            case "paper" -> {
                base = TrainConfig.paper();
                eval = 1999;
                repeats = 10;
            }
            case "quick" -> {
                base = TrainConfig.quick().toBuilder().progressBar(false).build();
                eval = 1000;
                repeats = 10;
            }
            case "smoke" -> {
                base = smoke();
                eval = 12;
                repeats = 1;
            }
            default ->
                    throw new IllegalArgumentException(
                            "Unknown DWGAN_BUDGET '" + name + "': use paper, quick or smoke.");
        }
        int iterations = envInt("DWGAN_ITERATIONS", base.iterations());
        if (iterations != base.iterations()) {
            base =
                    base.toBuilder()
                            .iterations(iterations)
                            .decayIterations(Math.min(base.decayIterations(), iterations / 2))
                            .build();
        }
        String dataDir = env("DWGAN_DATA_DIR", base.dataDir());
        base = base.toBuilder().dataDir(resolve(home, dataDir).toString()).build();
        return new Budget(
                n,
                base,
                envInt("DWGAN_EVAL_SAMPLES", eval),
                envInt("DWGAN_TIMING_REPEATS", repeats),
                home);
    }

    /**
     * Returns the evaluation settings of notebook 05: {@link RunEvaluation.Settings#defaults()} for
     * the quick and paper budgets, small counts for smoke (the numbers then mean nothing).
     */
    public RunEvaluation.Settings evaluationSettings() {
        return name.equals("smoke")
                ? new RunEvaluation.Settings(24, 120, 24, 120, 3, 2, 1)
                : RunEvaluation.Settings.defaults();
    }

    /**
     * Returns the smoke budget's settings: the quick preset with tiny models (width 8, two residual
     * blocks), batch 4 and 10 iterations, logging every 2 and sampling every 5.
     */
    static TrainConfig smoke() {
        return TrainConfig.quick().toBuilder()
                .preset("smoke")
                .gWidth(8)
                .dWidth(8)
                .gResBlocks(2)
                .batchSize(4)
                .iterations(10)
                .decayIterations(5)
                .logEvery(2)
                .sampleEvery(5)
                .checkpointEvery(5)
                .sampleCount(3)
                .fidEvery(5)
                .fidSamples(24)
                .progressBar(false)
                .build();
    }

    /**
     * Returns the budget's settings for one architecture, writing to {@code
     * results/runs/BUDGET-ARCH} as {@code ./dwgan train --preset BUDGET --arch ARCH} does, so that
     * notebooks find runs made on the command line and the reverse.
     */
    public TrainConfig config(Architecture a) {
        String dir = "results/runs/" + name + "-" + a.paperName().toLowerCase(Locale.ROOT);
        return base.toBuilder().architecture(a).outputDir(home.resolve(dir).toString()).build();
    }

    /**
     * Returns the model configuration of an architecture on the budget's data: one channel for
     * Fashion-MNIST, three for the face datasets.
     */
    public ModelConfig model(Architecture a) {
        int channels = base.dataset().equals("fashion-mnist") ? 1 : 3;
        return config(a).model(channels, base.domains().size());
    }

    /**
     * Returns whether the notebooks run headless ({@code DWGAN_HEADLESS=1}, set by {@code
     * environment/run-notebooks.sh}): training then stops half-way once to show resuming.
     */
    public boolean headless() {
        return env("DWGAN_HEADLESS", "0").equals("1");
    }

    /** Returns {@code results/} under the repository root, where figures and tables go. */
    public Path results() {
        return home.resolve("results");
    }

    /** Returns a file or folder under {@code results/}, creating the folders above it. */
    public Path results(String relative) {
        Path p = results().resolve(relative);
        try {
            Files.createDirectories(p.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }

    /** Returns whether the configured training data is present (files or prepared cache). */
    public boolean dataPresent() {
        Path dir = Path.of(base.dataDir());
        if (base.dataset().equals("cache")) {
            return Files.isRegularFile(dir.resolveSibling(dir.getFileName() + ".json"));
        }
        return Files.isDirectory(dir);
    }

    /**
     * Returns an environment variable, or {@code fallback} when it is unset or blank.
     *
     * @param name the variable
     * @param fallback the default
     * @return the value
     */
    public static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    /**
     * Returns an integer environment variable, or {@code fallback} when it is unset.
     *
     * @throws IllegalArgumentException naming the variable when it is not an integer
     */
    public static int envInt(String name, int fallback) {
        String v = env(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'", e);
        }
    }

    static Path findHome() {
        return ProjectHome.find();
    }

    private static Path resolve(Path home, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : home.resolve(p).normalize();
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "budget %s: %s, %d px, %d iterations, batch %d, eval %d images, home %s",
                name,
                base.dataset().equals("cache") ? base.dataDir() : "Fashion-MNIST",
                base.imageSize(),
                base.iterations(),
                base.batchSize(),
                evalSamples,
                home);
    }
}
