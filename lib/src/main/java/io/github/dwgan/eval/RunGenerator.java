package io.github.dwgan.eval;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.model.Generator;
import io.github.dwgan.model.Models;
import io.github.dwgan.train.Checkpoints;
import io.github.dwgan.train.TrainConfig;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the generator of a finished or running run from its latest checkpoint, for inference.
 *
 * @param config the run's settings (from the checkpoint's {@code config.json})
 * @param generator the generator with the checkpoint's weights
 * @param checkpoint the checkpoint folder
 * @param iteration the checkpoint's iteration
 */
public record RunGenerator(
        TrainConfig config, Generator generator, Path checkpoint, int iteration) {

    /**
     * Loads the latest checkpoint's generator.
     *
     * @param runDir the run folder (with {@code checkpoints/latest})
     * @param data a dataset of the run's shape (for channels and domains)
     * @param manager the manager that will own the weights
     * @return the generator and where it came from
     * @throws IOException when the run has no checkpoint or it does not fit
     */
    public static RunGenerator load(Path runDir, DomainDataset data, NDManager manager)
            throws IOException {
        TrainConfig cfg = config(runDir);
        Path cp =
                new Checkpoints(runDir.resolve("checkpoints"), Integer.MAX_VALUE)
                        .latest()
                        .orElseThrow(
                                () ->
                                        new IOException(
                                                "No checkpoint in "
                                                        + runDir.resolve("checkpoints")
                                                        + ": train the run first (./dwgan"
                                                        + " train)."));
        Generator g = new Generator(cfg.model(data.channels(), data.labels().size()));
        Models.initialize(g, manager, cfg.seed());
        try (DataInputStream in =
                new DataInputStream(
                        new BufferedInputStream(Files.newInputStream(cp.resolve("G.params"))))) {
            g.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException(
                    "Cannot read " + cp.resolve("G.params") + ": " + e.getMessage(), e);
        }
        return new RunGenerator(cfg, g, cp, Checkpoints.iterationOf(cp));
    }

    /** Reads a run folder's {@code config.json}. */
    public static TrainConfig config(Path runDir) throws IOException {
        Path f = runDir.resolve("config.json");
        if (!Files.exists(f)) {
            throw new IOException("No config.json in " + runDir + ": is it a run folder?");
        }
        return TrainConfig.fromJson(Files.readString(f, StandardCharsets.UTF_8));
    }
}
