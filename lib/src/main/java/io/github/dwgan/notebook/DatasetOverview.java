package io.github.dwgan.notebook;

import io.github.dwgan.cli.PrepareCommand;
import io.github.dwgan.data.CachedDataset;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.train.SampleGrid;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Summarises datasets for the first notebook: what is present, images per domain, examples. */
public final class DatasetOverview {
    private DatasetOverview() {}

    /**
     * The face datasets of the paper, where they are expected under {@code data/} as downloaded,
     * and the file that marks them present.
     */
    private static final List<String[]> FACE_DATASETS =
            List.of(
                    new String[] {"celeba", "data/celeba", "list_attr_celeba.txt"},
                    new String[] {"rafd", "data/rafd", ""},
                    new String[] {"stirling", "data/stirling", ""});

    /**
     * Prepares each face dataset (CelebA, RaFD, Stirling) found under {@code data/} whose cache
     * under {@code results/cache/} is missing, as {@code ./dwgan prepare} does, and tabulates what
     * was found.
     *
     * @param home the repository root
     * @param imageSize the cache image size (the paper's 128)
     * @return one row per dataset: name, folder, state (absent, prepared now, cached)
     */
    public static Table prepareFaceDatasets(Path home, int imageSize) {
        StringColumn name = StringColumn.create("dataset");
        StringColumn folder = StringColumn.create("folder");
        StringColumn state = StringColumn.create("state");
        Path cache = home.resolve("results/cache");
        for (String[] d : FACE_DATASETS) {
            Path root = home.resolve(d[1]);
            boolean present =
                    Files.isDirectory(root)
                            && (d[2].isEmpty() || Files.isRegularFile(root.resolve(d[2])));
            boolean cached = Files.isRegularFile(cache.resolve(d[0] + ".json"));
            String s;
            if (cached) {
                s = "cached";
            } else if (!present) {
                s = "absent (see docs/data.md to download)";
            } else {
                int rc =
                        new CommandLine(new PrepareCommand())
                                .execute(
                                        "--format",
                                        d[0],
                                        "--root",
                                        root.toString(),
                                        "--out",
                                        cache.toString(),
                                        "--image-size",
                                        Integer.toString(imageSize),
                                        "--no-progress");
                s = rc == 0 ? "prepared now" : "prepare failed (exit " + rc + ")";
            }
            name.append(d[0]);
            folder.append(root.toString());
            state.append(s);
        }
        return Table.create("face datasets", name, folder, state);
    }

    /**
     * Counts the images of each domain in both splits. For a multi-label dataset (CelebA) an image
     * counts once for every attribute it has.
     *
     * @param train the training split
     * @param test the test split
     * @return columns domain, train, test
     */
    public static Table imagesPerDomain(DomainDataset train, DomainDataset test) {
        int[] a = counts(train);
        int[] b = counts(test);
        StringColumn domain = StringColumn.create("domain");
        IntColumn trainCol = IntColumn.create("train");
        IntColumn testCol = IntColumn.create("test");
        for (int i = 0; i < a.length; i++) {
            domain.append(train.labels().names().get(i));
            trainCol.append(a[i]);
            testCol.append(b[i]);
        }
        return Table.create("images per domain", domain, trainCol, testCol);
    }

    private static int[] counts(DomainDataset data) {
        int d = data.labels().size();
        int[] n = new int[d];
        if (data instanceof CachedDataset c) {
            String split = c.size() == c.manifest().trainCount() ? "train" : "test";
            Map<String, Integer> m = c.manifest().countsPerDomain().get(split);
            if (m != null) {
                for (int i = 0; i < d; i++) {
                    n[i] = m.getOrDefault(data.labels().names().get(i), 0);
                }
                return n;
            }
        }
        float[] px = new float[data.channels() * data.imageSize() * data.imageSize()];
        float[] label = new float[d];
        for (int k = 0; k < data.size(); k++) {
            data.read(k, px, 0, label, 0, null);
            for (int i = 0; i < d; i++) {
                n[i] += label[i] > 0.5f ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * Draws a grid with one row per domain and {@code perDomain} of its images, the first ones
     * found in dataset order (the same in every run).
     *
     * @param data the dataset
     * @param perDomain images per row
     * @return the grid
     */
    public static BufferedImage examplesPerDomain(DomainDataset data, int perDomain) {
        int d = data.labels().size();
        int plane = data.channels() * data.imageSize() * data.imageSize();
        List<List<float[]>> rows = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            rows.add(new ArrayList<>());
        }
        float[] label = new float[d];
        int filled = 0;
        for (int k = 0; k < data.size() && filled < d; k++) {
            float[] px = new float[plane];
            data.read(k, px, 0, label, 0, null);
            for (int i = 0; i < d; i++) {
                if (label[i] > 0.5f && rows.get(i).size() < perDomain) {
                    rows.get(i).add(px);
                    if (rows.get(i).size() == perDomain) {
                        filled++;
                    }
                }
            }
        }
        float[][][] cells = new float[d][perDomain][];
        float[] blank = new float[plane];
        java.util.Arrays.fill(blank, 1f);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < perDomain; j++) {
                cells[i][j] = j < rows.get(i).size() ? rows.get(i).get(j) : blank;
            }
        }
        return SampleGrid.draw(cells, data.channels(), data.imageSize());
    }
}
