package io.github.dwgan.data;

import java.util.List;
import java.util.Random;

/**
 * Decodes, crops and resizes image files on every read: the slow path, kept for small datasets and
 * as the baseline of {@link CacheBenchmark}. Training normally reads a {@link CachedDataset}.
 */
public final class SourceDataset implements DomainDataset {

    private final DatasetListing listing;
    private final String split;
    private final List<LabelledImage> images;

    /**
     * Wraps one split of a listing.
     *
     * @param listing the dataset listing
     * @param split "train" or "test"
     */
    public SourceDataset(DatasetListing listing, String split) {
        this.listing = listing;
        this.split = split;
        this.images = listing.part(split);
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public LabelSpace labels() {
        return listing.labels();
    }

    @Override
    public int channels() {
        return listing.preprocessing().channels();
    }

    @Override
    public int imageSize() {
        return listing.preprocessing().imageSize();
    }

    @Override
    public void read(
            int index,
            float[] pixels,
            int pixelOffset,
            float[] label,
            int labelOffset,
            Random augment) {
        LabelledImage im = images.get(index);
        Preprocessing p = listing.preprocessing();
        byte[] chw = p.apply(ImageDecoder.decode(im.file(), p.channels()));
        p.toFloats(chw, 0, pixels, pixelOffset, augment);
        System.arraycopy(im.label(), 0, label, labelOffset, im.label().length);
    }

    @Override
    public String describe() {
        return listing.source()
                + " ["
                + split
                + ", "
                + size()
                + " images, decoded on read, "
                + listing.preprocessing()
                + "]";
    }
}
