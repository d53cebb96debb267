package io.github.dwgan.cli;

import io.github.dwgan.data.CacheManifest;
import io.github.dwgan.data.CelebA;
import io.github.dwgan.data.DatasetException;
import io.github.dwgan.data.DatasetListing;
import io.github.dwgan.data.ImageFolder;
import io.github.dwgan.data.PreparedCache;
import io.github.dwgan.data.Preprocessing;
import io.github.dwgan.data.RaFD;
import io.github.dwgan.data.Split;
import io.github.dwgan.data.Stirling;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prepares a dataset once into a memory-mappable cache that training reads. */
@Command(
        name = "prepare",
        mixinStandardHelpOptions = true,
        description = {
            "Reads a dataset as downloaded, centre-crops and resizes every image as StarGAN does,"
                    + " and writes <out>/<name>.dwgc with <name>.json (manifest) and"
                    + " <name>.files.txt."
        })
public class PrepareCommand implements Callable<Integer> {

    /** The on-disk formats this command reads. */
    public enum Format {
        /** CelebA: img_align_celeba/ and list_attr_celeba.txt. */
        celeba,
        /** RaFD: original file names or train/<expression>/ folders. */
        rafd,
        /** Stirling 3D faces: expression in the file name. */
        stirling,
        /** Any root/<domain>/*.jpg|png folder. */
        folder
    }

    @Spec CommandSpec spec;

    @Option(names = "--format", required = true, description = "celeba, rafd, stirling or folder.")
    Format format;

    @Option(names = "--root", required = true, description = "Dataset folder as downloaded.")
    Path root;

    @Option(names = "--out", defaultValue = "results/cache", description = "Cache folder.")
    Path out;

    @Option(names = "--name", description = "Cache name (default: the format).")
    String name;

    @Option(
            names = "--attrs",
            split = ",",
            defaultValue = "Black_Hair,Blond_Hair,Brown_Hair,Male,Young",
            description = "CelebA attributes, by name (default: StarGAN's).")
    List<String> attrs;

    @Option(
            names = "--test-count",
            description =
                    "Images in the test split (default: 1999 for celeba as StarGAN's code,"
                            + " 0 otherwise; ignored when rafd has a test/ folder).")
    Integer testCount;

    @Option(names = "--split-seed", defaultValue = "1234", description = "Shuffle seed.")
    long splitSeed;

    @Option(
            names = "--crop",
            description =
                    "Centre crop side (default: 178 celeba, 256 rafd/stirling, 0 = largest"
                            + " square for folder).")
    Integer crop;

    @Option(names = "--image-size", defaultValue = "128", description = "Output side.")
    int imageSize;

    @Option(names = "--channels", defaultValue = "3", description = "3 (RGB) or 1 (grey).")
    int channels;

    @Option(
            names = "--angles",
            split = ",",
            defaultValue = "45,90,135",
            description = "RaFD camera angles to keep (default: StarGAN's 4,824 images).")
    List<Integer> angles;

    @Option(
            names = "--name-pattern",
            description = "Stirling file-name regex with a named group (?<expression>...).")
    String namePattern;

    @Option(
            names = "--domains",
            defaultValue = "0",
            description = "Folder: expected number of domain folders (0: any).")
    int domains;

    @Option(names = "--threads", description = "Decoding threads (default: all cores).")
    Integer threads;

    @Option(names = "--skip-corrupt", description = "Leave out corrupt images with a warning.")
    boolean skipCorrupt;

    @Option(names = "--no-progress", description = "Hide the progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        try {
            DatasetListing listing = list();
            CacheManifest m =
                    PreparedCache.write(
                            listing,
                            out,
                            name != null ? name : format.name(),
                            threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                            skipCorrupt,
                            !noProgress);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Prepared %d train and %d test images into %s%n",
                            m.trainCount(), m.testCount(), out.resolve(m.dataFile()));
            return 0;
        } catch (DatasetException e) {
            spec.commandLine().getErr().println("prepare: " + e.getMessage());
            return 2;
        }
    }

    /** Lists the dataset with the options given. */
    DatasetListing list() {
        int tests = testCount != null ? testCount : (format == Format.celeba ? 1999 : 0);
        Split split = new Split(splitSeed, tests);
        DatasetListing l =
                switch (format) {
                    case celeba -> CelebA.list(root, attrs, split);
                    case rafd -> RaFD.list(root, new HashSet<>(angles), split);
                    case stirling ->
                            Stirling.list(
                                    root,
                                    namePattern != null ? namePattern : Stirling.DEFAULT_NAME,
                                    split);
                    case folder ->
                            ImageFolder.list(
                                    root,
                                    domains,
                                    split,
                                    new Preprocessing(0, imageSize, channels));
                };
        int c = crop != null ? crop : l.preprocessing().cropSize();
        return l.withPreprocessing(new Preprocessing(c, imageSize, channels));
    }
}
