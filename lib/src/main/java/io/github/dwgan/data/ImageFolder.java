package io.github.dwgan.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a folder sorted by domain, {@code root/<domain>/*.{jpg,jpeg,png,bmp}}, as torchvision's
 * {@code ImageFolder} (StarGAN's RaFD loader) does: domains are the sub-folder names in sorted
 * order, each image is one-hot labelled with its folder.
 */
public final class ImageFolder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);

    private ImageFolder() {}

    /**
     * Lists {@code root}.
     *
     * @param root the folder whose sub-folders are the domains
     * @param expectedDomains the configured number of domains, or 0 to accept any
     * @param split how images are split into test and training
     * @param preprocessing the crop and resize to record in the listing
     * @return the listing
     * @throws DatasetException when the root is missing, the domain count differs from the
     *     configured one (naming the likely fix), or a domain folder has no images
     */
    public static DatasetListing list(
            Path root, int expectedDomains, Split split, Preprocessing preprocessing) {
        List<Path> dirs = subfolders(root);
        List<String> names = dirs.stream().map(d -> d.getFileName().toString()).toList();
        if (dirs.isEmpty()) {
            throw new DatasetException(
                    "No domain folders in "
                            + root
                            + ": sort the images into one sub-folder per domain"
                            + " (root/<domain>/*.jpg).");
        }
        if (expectedDomains > 0 && dirs.size() != expectedDomains) {
            throw new DatasetException(domainCountMessage(root, names, expectedDomains));
        }
        if (dirs.size() < 2) {
            throw new DatasetException(
                    "Only one domain folder "
                            + names
                            + " in "
                            + root
                            + ": a translation needs"
                            + " two or more; point --root at the folder that holds them all.");
        }

        List<LabelledImage> all = new ArrayList<>();
        LabelSpace space = LabelSpace.singleLabel(names);
        for (int d = 0; d < dirs.size(); d++) {
            List<Path> files = images(dirs.get(d));
            if (files.isEmpty()) {
                throw new DatasetException(
                        "Domain folder "
                                + dirs.get(d)
                                + " has no .jpg/.jpeg/.png/.bmp images: add images or remove"
                                + " the folder.");
            }
            for (Path f : files) {
                all.add(new LabelledImage(f, space.oneHot(d)));
            }
        }
        Split.Parts<LabelledImage> parts = split.apply(all);
        LOG.info("Image folder {}: {} images in domains {}", root, all.size(), names);
        return new DatasetListing(
                "folder:" + root.toAbsolutePath(),
                space,
                preprocessing,
                parts.train(),
                parts.test());
    }

    /** Explains a domain-count mismatch and suggests the usual fix. */
    static String domainCountMessage(Path root, List<String> found, int expected) {
        String msg =
                "Found "
                        + found.size()
                        + " domain folders "
                        + found
                        + " in "
                        + root
                        + " but "
                        + expected
                        + " domains are configured. ";
        for (String split : List.of("train", "test", "val")) {
            if (found.contains(split)) {
                return msg
                        + "This looks like the parent of the split folders: use --root "
                        + root.resolve("train")
                        + ".";
            }
        }
        return msg
                + "Point --root at the folder whose sub-folders are the domains, or change"
                + " the configured domain count.";
    }

    /** Returns the sub-folders of {@code root}, sorted by name, hidden ones left out. */
    static List<Path> subfolders(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException("Dataset folder " + root + " does not exist: check --root.");
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DatasetException("Cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** Returns the image files directly in {@code dir}, sorted by name. */
    static List<Path> images(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Says whether a file name ends in an image extension this project decodes. */
    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".")
                && (n.endsWith(".jpg")
                        || n.endsWith(".jpeg")
                        || n.endsWith(".png")
                        || n.endsWith(".bmp"));
    }
}
