package io.github.dwgan.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the Stirling/ESRC 3D face database's 2D expression images: the 7 expressions are the
 * domains, read from the file names with a configurable pattern.
 *
 * <p>The default rule {@link #DEFAULT_NAME} reads {@code <subject>_<expression>[_<anything>]} with
 * {@code _} or {@code -} between parts, such as {@code F1001_HA.jpg} or {@code m012-happy-2.png};
 * the expression is a full name or a two-letter code ({@link #CODES}). Note: the exact naming
 * varies between releases of the database; if your copy differs, pass your own pattern with a named
 * group {@code (?<expression>...)}.
 */
public final class Stirling {

    /** The 7 expressions, in sorted order. */
    public static final List<String> EXPRESSIONS =
            List.of("angry", "disgusted", "fearful", "happy", "neutral", "sad", "surprised");

    /** Two-letter expression codes (as KDEF and many face sets write them) to domain names. */
    public static final Map<String, String> CODES =
            Map.ofEntries(
                    Map.entry("an", "angry"),
                    Map.entry("anger", "angry"),
                    Map.entry("di", "disgusted"),
                    Map.entry("disgust", "disgusted"),
                    Map.entry("fe", "fearful"),
                    Map.entry("af", "fearful"),
                    Map.entry("fear", "fearful"),
                    Map.entry("ha", "happy"),
                    Map.entry("ne", "neutral"),
                    Map.entry("sa", "sad"),
                    Map.entry("su", "surprised"),
                    Map.entry("surprise", "surprised"));

    /** The default file-name rule. */
    public static final String DEFAULT_NAME =
            "(?i)(?<subject>[a-z]*\\d+)[_-](?<expression>[a-z]+)(?:[_-][^.]*)?"
                    + "\\.(?:jpe?g|png|bmp)";

    private static final Logger LOG = LoggerFactory.getLogger(Stirling.class);

    private Stirling() {}

    /**
     * Lists the images under {@code root} (recursively).
     *
     * @param root the folder of expression images
     * @param namePattern file-name rule with a named group {@code expression}
     * @param split how images are split into test and training
     * @return the listing, with crop 256 and resize 128
     */
    public static DatasetListing list(Path root, String namePattern, Split split) {
        List<LabelledImage> all =
                NamedFiles.list(
                        "Stirling",
                        root,
                        Pattern.compile(namePattern),
                        CODES,
                        EXPRESSIONS,
                        m -> true);
        Split.Parts<LabelledImage> parts = split.apply(all);
        LOG.info("Stirling {}: {} images", root, all.size());
        return new DatasetListing(
                "stirling:" + root.toAbsolutePath(),
                LabelSpace.singleLabel(EXPRESSIONS),
                Preprocessing.RAFD,
                parts.train(),
                parts.test());
    }
}
