package io.github.dwgan.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists images whose domain is written in their file name, read by a regular expression with a
 * named group {@code expression}; used by {@link RaFD} and {@link Stirling}.
 */
final class NamedFiles {

    private static final Logger LOG = LoggerFactory.getLogger(NamedFiles.class);

    private NamedFiles() {}

    /**
     * Lists the images under {@code root} (recursively) whose names match {@code pattern}.
     *
     * @param format dataset name for messages
     * @param root folder to search
     * @param pattern file-name rule with a named group {@code expression}
     * @param aliases lower-case codes to domain names (e.g. "ha" to "happy"); others kept as is
     * @param domains the domain names in label order
     * @param keep which matches to keep (e.g. RaFD's camera angles)
     * @return the matched images, one-hot labelled
     */
    static List<LabelledImage> list(
            String format,
            Path root,
            Pattern pattern,
            Map<String, String> aliases,
            List<String> domains,
            Predicate<Matcher> keep) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(
                    format + " folder " + root + " does not exist: check --root.");
        }
        if (!pattern.pattern().contains("(?<expression>")) {
            throw new DatasetException(
                    "The "
                            + format
                            + " file-name pattern '"
                            + pattern
                            + "' has no named group"
                            + " (?<expression>...): add one around the expression part.");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("Cannot list " + root + ": " + e.getMessage(), e);
        }

        List<LabelledImage> out = new ArrayList<>();
        int[] counts = new int[domains.size()];
        List<String> unmatched = new ArrayList<>();
        for (Path f : files) {
            Matcher m = pattern.matcher(f.getFileName().toString());
            if (!m.matches()) {
                unmatched.add(f.getFileName().toString());
                continue;
            }
            if (!keep.test(m)) {
                continue;
            }
            String code = m.group("expression").toLowerCase(Locale.ROOT);
            int d = domains.indexOf(aliases.getOrDefault(code, code));
            if (d < 0) {
                throw new DatasetException(
                        format
                                + " file "
                                + f
                                + " has expression '"
                                + m.group("expression")
                                + "', which is not one of "
                                + domains
                                + " (codes "
                                + aliases
                                + "): fix the file name or the --name-pattern.");
            }
            counts[d]++;
            float[] label = new float[domains.size()];
            label[d] = 1f;
            out.add(new LabelledImage(f, label));
        }
        if (!unmatched.isEmpty()) {
            LOG.warn(
                    "{}: {} image files under {} do not match {} and are left out, e.g. {}",
                    format,
                    unmatched.size(),
                    root,
                    pattern,
                    unmatched.get(0));
        }
        for (int d = 0; d < counts.length; d++) {
            if (counts[d] == 0) {
                throw new DatasetException(
                        format
                                + " domain '"
                                + domains.get(d)
                                + "' has no images under "
                                + root
                                + " ("
                                + files.size()
                                + " image files, "
                                + unmatched.size()
                                + " not matching "
                                + pattern
                                + "): check --root and"
                                + " --name-pattern, or choose fewer domains.");
            }
        }
        return out;
    }
}
