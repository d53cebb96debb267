package io.github.dwgan.data;

import io.github.dwgan.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;

/** Opens the dataset a run's config names. */
public final class Datasets {
    private Datasets() {}

    /**
     * Opens a prepared cache given as its folder joined with its name, as {@code ./dwgan prepare
     * --out results/cache --name celeba} writes {@code results/cache/celeba.*}.
     */
    static DomainDataset cached(Path dirAndName, boolean train) throws IOException {
        Path dir = dirAndName.toAbsolutePath().getParent();
        return CachedDataset.open(
                dir, dirAndName.getFileName().toString(), train ? "train" : "test");
    }

    /**
     * Opens the training or test split of the configured dataset at the configured size.
     *
     * @param cfg the run's settings ({@code dataset}, {@code dataDir}, {@code domains}, {@code
     *     imageSize})
     * @param train the training split, else the held-out split
     * @return the dataset
     * @throws IOException when files are missing or malformed
     */
    public static DomainDataset open(TrainConfig cfg, boolean train) throws IOException {
        return switch (cfg.dataset()) {
            case "fashion-mnist" ->
                    new FashionMnist(Path.of(cfg.dataDir()), train, cfg.domains(), cfg.imageSize());
            case "cache" -> cached(Path.of(cfg.dataDir()), train);
            default ->
                    throw new IllegalArgumentException(
                            "Unknown dataset '"
                                    + cfg.dataset()
                                    + "': use fashion-mnist, or cache with --data-dir naming a"
                                    + " cache written by ./dwgan prepare (results/cache/celeba).");
        };
    }
}
