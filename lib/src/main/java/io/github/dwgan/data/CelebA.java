package io.github.dwgan.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists CelebA as distributed: a folder of aligned JPEGs ({@code img_align_celeba/}) and {@code
 * list_attr_celeba.txt} (a count line, a line of 40 attribute names, then one row per image: its
 * file name and 40 values of -1 or 1).
 *
 * <p>Attributes are chosen by name; the label vector has one entry per chosen attribute (1 when the
 * file says 1). Chosen hair colours (Black, Blond, Brown, Gray) form the mutually exclusive group,
 * found by name as in StarGAN's {@code create_labels}. The split is StarGAN's by default ({@link
 * Split#STARGAN_CELEBA}): rows are shuffled as Python does with seed 1234 and the first ones are
 * the test set.
 */
public final class CelebA {

    /** StarGAN's default attributes. */
    public static final List<String> STARGAN_ATTRIBUTES =
            List.of("Black_Hair", "Blond_Hair", "Brown_Hair", "Male", "Young");

    /** Attribute names that StarGAN treats as one exclusive hair-colour choice. */
    public static final List<String> HAIR_COLOURS =
            List.of("Black_Hair", "Blond_Hair", "Brown_Hair", "Gray_Hair");

    private static final Logger LOG = LoggerFactory.getLogger(CelebA.class);

    private CelebA() {}

    /**
     * Lists CelebA under {@code root}, which holds the attribute file and the image folder as
     * downloaded ({@code root/list_attr_celeba.txt} or {@code root/Anno/list_attr_celeba.txt};
     * {@code root/img_align_celeba/}, {@code root/Img/img_align_celeba/} or StarGAN's {@code
     * root/images/}).
     *
     * @param root the dataset folder
     * @param attributes attribute names, in label order
     * @param split how rows are split into test and training
     * @return the listing, with StarGAN's CelebA preprocessing (crop 178, resize 128)
     */
    public static DatasetListing list(Path root, List<String> attributes, Split split) {
        Path attrFile = firstExisting(root, "list_attr_celeba.txt", "Anno/list_attr_celeba.txt");
        if (attrFile == null) {
            throw new DatasetException(
                    "CelebA attribute file list_attr_celeba.txt not found in "
                            + root
                            + " or "
                            + root.resolve("Anno")
                            + ": download it from the CelebA page (Anno/list_attr_celeba.txt)"
                            + " and put it there, or point --root at the folder that holds it.");
        }
        Path imageDir = firstExisting(root, "img_align_celeba", "Img/img_align_celeba", "images");
        if (imageDir == null || !Files.isDirectory(imageDir)) {
            throw new DatasetException(
                    "CelebA image folder img_align_celeba/ (or images/) not found in "
                            + root
                            + ": unzip img_align_celeba.zip there.");
        }
        return list(attrFile, imageDir, attributes, split);
    }

    /** Lists CelebA from an explicit attribute file and image folder; see the other overload. */
    public static DatasetListing list(
            Path attrFile, Path imageDir, List<String> attributes, Split split) {
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(attrFile, StandardCharsets.UTF_8)) {
            lines = r.lines().toList();
        } catch (IOException e) {
            throw new DatasetException(
                    "Cannot read CelebA attribute file " + attrFile + ": " + e.getMessage(), e);
        }
        if (lines.size() < 2) {
            throw new DatasetException(
                    "CelebA attribute file "
                            + attrFile
                            + " has "
                            + lines.size()
                            + " lines; it needs a count line and a line of attribute names:"
                            + " re-download list_attr_celeba.txt.");
        }
        List<String> names = Arrays.asList(lines.get(1).trim().split("\\s+"));
        int[] columns = columnsOf(attrFile, names, attributes);
        List<LabelledImage> rows = new ArrayList<>(lines.size() - 2);
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            rows.add(parseRow(attrFile, i + 1, line, names.size(), columns, imageDir));
        }
        checkCount(attrFile, lines.get(0).trim(), rows.size());
        if (rows.isEmpty()) {
            throw new DatasetException(
                    "CelebA attribute file " + attrFile + " lists no images: re-download it.");
        }

        Split.Parts<LabelledImage> parts = split.apply(rows);
        LabelSpace space = labelSpace(attributes);
        LOG.info(
                "CelebA {}: {} rows, {} train, {} test, attributes {}",
                attrFile,
                rows.size(),
                parts.train().size(),
                parts.test().size(),
                attributes);
        return new DatasetListing(
                "celeba:" + attrFile.toAbsolutePath(),
                space,
                Preprocessing.CELEBA,
                parts.train(),
                parts.test());
    }

    /** Returns the label space of the chosen attributes, hair colours as one exclusive group. */
    public static LabelSpace labelSpace(List<String> attributes) {
        List<Integer> hair = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            if (HAIR_COLOURS.contains(attributes.get(i))) {
                hair.add(i);
            }
        }
        return new LabelSpace(
                attributes, LabelKind.MULTI, hair.isEmpty() ? List.of() : List.of(hair));
    }

    private static int[] columnsOf(Path attrFile, List<String> names, List<String> attributes) {
        int[] columns = new int[attributes.size()];
        for (int i = 0; i < attributes.size(); i++) {
            columns[i] = names.indexOf(attributes.get(i));
            if (columns[i] < 0) {
                throw new DatasetException(
                        "Attribute '"
                                + attributes.get(i)
                                + "' is not in "
                                + attrFile
                                + ". Valid names (case-sensitive): "
                                + String.join(", ", names));
            }
        }
        return columns;
    }

    private static LabelledImage parseRow(
            Path attrFile, int lineNo, String line, int nNames, int[] columns, Path imageDir) {
        String[] f = line.split("\\s+");
        if (f.length != nNames + 1) {
            throw new DatasetException(
                    attrFile
                            + " line "
                            + lineNo
                            + ": expected a file name and "
                            + nNames
                            + " values, found "
                            + (f.length - 1)
                            + " values; the file is damaged: re-download list_attr_celeba.txt.");
        }
        float[] label = new float[columns.length];
        for (int a = 0; a < columns.length; a++) {
            String v = f[columns[a] + 1];
            if (!v.equals("1") && !v.equals("-1") && !v.equals("0")) {
                throw new DatasetException(
                        attrFile + " line " + lineNo + ": value '" + v + "' is not -1 or 1.");
            }
            label[a] = v.equals("1") ? 1f : 0f;
        }
        Path file = imageDir.resolve(f[0]);
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(
                    "Image "
                            + file
                            + " is listed on line "
                            + lineNo
                            + " of "
                            + attrFile
                            + " but absent: unzip the complete img_align_celeba.zip into "
                            + imageDir
                            + ".");
        }
        return new LabelledImage(file, label);
    }

    private static void checkCount(Path attrFile, String countLine, int rows) {
        try {
            int declared = Integer.parseInt(countLine);
            if (declared != rows) {
                LOG.warn(
                        "{} declares {} images on its first line but lists {}; using the rows",
                        attrFile,
                        declared,
                        rows);
            }
        } catch (NumberFormatException e) {
            throw new DatasetException(
                    attrFile
                            + " line 1: expected the image count, found '"
                            + countLine
                            + "': is this list_attr_celeba.txt?");
        }
    }

    private static Path firstExisting(Path root, String... names) {
        for (String n : names) {
            Path p = root.resolve(n);
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }
}
