package io.github.dwgan.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the Radboud Faces Database (RaFD): the 8 expressions are the domains.
 *
 * <p>Two layouts are read: the original files, named {@code
 * Rafd<angle>_<subject>_<ethnicity>_<gender>_<expression>_<gaze>.jpg} (for example {@code
 * Rafd090_07_Caucasian_female_happy_frontal.jpg}), filtered by camera angle; or a folder already
 * sorted as StarGAN expects, {@code root/train/<expression>/} (and optionally {@code
 * root/test/<expression>/}), or {@code root/<expression>/}.
 *
 * <p>The default angles 45, 90 and 135 give StarGAN's 4,824 images (67 subjects x 8 expressions x 3
 * gazes x 3 angles); the profiles at 0 and 180 are left out.
 */
public final class RaFD {

    /** The 8 expressions, in sorted order as torchvision's ImageFolder numbers them. */
    public static final List<String> EXPRESSIONS =
            List.of(
                    "angry",
                    "contemptuous",
                    "disgusted",
                    "fearful",
                    "happy",
                    "neutral",
                    "sad",
                    "surprised");

    /** The original RaFD file-name rule. */
    public static final Pattern FILE_NAME =
            Pattern.compile(
                    "(?i)Rafd(?<angle>\\d{3})_(?<subject>\\d+)_(?<ethnicity>[a-z]+)_"
                            + "(?<gender>[a-z]+)_(?<expression>[a-z]+)_(?<gaze>[a-z]+)"
                            + "\\.(?:jpe?g|png|bmp)");

    /** Camera angles StarGAN's 4,824 images come from. */
    public static final Set<Integer> STARGAN_ANGLES = Set.of(45, 90, 135);

    private static final Logger LOG = LoggerFactory.getLogger(RaFD.class);

    private RaFD() {}

    /**
     * Lists RaFD under {@code root} in either layout.
     *
     * @param root the folder of original files, or of sorted expression folders
     * @param angles camera angles to keep (original layout only)
     * @param split how images are split when the layout has no test folder
     * @return the listing, with crop 256 and resize 128
     */
    public static DatasetListing list(Path root, Set<Integer> angles, Split split) {
        Path train = root.resolve("train");
        if (Files.isDirectory(train) && !ImageFolder.subfolders(train).isEmpty()) {
            DatasetListing tr =
                    ImageFolder.list(
                            train, EXPRESSIONS.size(), Split.ALL_TRAIN, Preprocessing.RAFD);
            Path test = root.resolve("test");
            if (!Files.isDirectory(test)) {
                return relabel(
                        ImageFolder.list(train, EXPRESSIONS.size(), split, Preprocessing.RAFD),
                        root);
            }
            DatasetListing te =
                    ImageFolder.list(test, EXPRESSIONS.size(), Split.ALL_TRAIN, Preprocessing.RAFD);
            if (!tr.labels().equals(te.labels())) {
                throw new DatasetException(
                        "RaFD train and test folders under "
                                + root
                                + " have different"
                                + " expression folders: "
                                + tr.labels().names()
                                + " vs "
                                + te.labels().names()
                                + ": make them the same.");
            }
            return new DatasetListing(
                    "rafd:" + root.toAbsolutePath(),
                    tr.labels(),
                    Preprocessing.RAFD,
                    tr.train(),
                    te.train());
        }
        if (!ImageFolder.subfolders(root).isEmpty()
                && ImageFolder.images(root).isEmpty()
                && !hasOriginalNames(root)) {
            return relabel(
                    ImageFolder.list(root, EXPRESSIONS.size(), split, Preprocessing.RAFD), root);
        }

        List<LabelledImage> all =
                NamedFiles.list(
                        "RaFD",
                        root,
                        FILE_NAME,
                        Map.of(),
                        EXPRESSIONS,
                        m -> angles.contains(Integer.parseInt(m.group("angle"))));
        Split.Parts<LabelledImage> parts = split.apply(all);
        LOG.info("RaFD {}: {} images at angles {}", root, all.size(), angles);
        return new DatasetListing(
                "rafd:" + root.toAbsolutePath(),
                LabelSpace.singleLabel(EXPRESSIONS),
                Preprocessing.RAFD,
                parts.train(),
                parts.test());
    }

    private static boolean hasOriginalNames(Path root) {
        for (Path dir : ImageFolder.subfolders(root)) {
            for (Path f : ImageFolder.images(dir)) {
                if (FILE_NAME.matcher(f.getFileName().toString()).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static DatasetListing relabel(DatasetListing l, Path root) {
        return new DatasetListing(
                "rafd:" + root.toAbsolutePath(),
                l.labels(),
                l.preprocessing(),
                l.train(),
                l.test());
    }
}
