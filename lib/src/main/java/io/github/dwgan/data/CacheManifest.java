package io.github.dwgan.data;

import java.util.List;
import java.util.Map;

/**
 * Describes a prepared cache; written as JSON beside the data file, last, so that its presence
 * marks a complete cache.
 *
 * @param formatVersion layout version of the data file
 * @param source what was read (format and path)
 * @param domains domain names in label order
 * @param labelKind SINGLE or MULTI
 * @param exclusiveGroups mutually exclusive attribute groups (MULTI)
 * @param preprocessing crop, size and channels applied before storing
 * @param resizeFilter the resize filter, by name
 * @param trainCount images in the training split
 * @param testCount images in the test split
 * @param countsPerDomain per split, images with each domain on
 * @param skippedFiles corrupt files left out (only with skip-corrupt)
 * @param dataFile data file name, in the same folder
 * @param dataBytes data file size in bytes
 * @param checksumCrc32c CRC32C of the data file after its header, in hex
 * @param created ISO-8601 time of preparation
 */
public record CacheManifest(
        int formatVersion,
        String source,
        List<String> domains,
        LabelKind labelKind,
        List<List<Integer>> exclusiveGroups,
        Preprocessing preprocessing,
        String resizeFilter,
        int trainCount,
        int testCount,
        Map<String, Map<String, Integer>> countsPerDomain,
        List<String> skippedFiles,
        String dataFile,
        long dataBytes,
        String checksumCrc32c,
        String created) {

    /** Returns the label space these labels were written with. */
    public LabelSpace labelSpace() {
        return new LabelSpace(domains, labelKind, exclusiveGroups);
    }
}
