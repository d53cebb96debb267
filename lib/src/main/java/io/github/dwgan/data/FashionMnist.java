package io.github.dwgan.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Reads Fashion-MNIST from its IDX files (as installed by Debian's {@code dataset-fashion-mnist} in
 * {@code /usr/share/datasets/fashion-mnist}) and serves chosen classes as single-label domains.
 *
 * <p>Images are 28x28 grey levels; they are padded with background (-1) to the configured size when
 * it is larger (32 by default, so that four stride-2 stages divide it) and nearest-neighbour
 * resampled when it is smaller. Training augmentation is a horizontal flip, as StarGAN's.
 */
public final class FashionMnist implements DomainDataset {
    /** Where Debian's package installs the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The ten class names, in label order. */
    public static final List<String> CLASSES =
            List.of(
                    "T-shirt",
                    "Trouser",
                    "Pullover",
                    "Dress",
                    "Coat",
                    "Sandal",
                    "Shirt",
                    "Sneaker",
                    "Bag",
                    "Ankle boot");

    private static final int SIDE = 28;

    private final Path dir;
    private final boolean train;
    private final int size;
    private final LabelSpace labels;
    private final byte[][] images;
    private final int[] domain;

    /**
     * Loads the chosen classes of one split.
     *
     * @param dir folder holding the four {@code *-ubyte.gz} files
     * @param train the training split (60,000 images) or the test split (10,000)
     * @param classes class names (see {@link #CLASSES}) that become the domains, in order
     * @param size output image size (at least 8)
     * @throws IOException when a file is missing or malformed; the message names it and the fix
     */
    public FashionMnist(Path dir, boolean train, List<String> classes, int size)
            throws IOException {
        this.dir = dir;
        this.train = train;
        this.size = size;
        List<Integer> wanted = new ArrayList<>();
        for (String c : classes) {
            int i = indexOf(c);
            if (i < 0) {
                throw new IllegalArgumentException(
                        "Unknown Fashion-MNIST class '" + c + "'; valid names: " + CLASSES);
            }
            wanted.add(i);
        }
        this.labels =
                LabelSpace.singleLabel(classes.stream().map(c -> CLASSES.get(indexOf(c))).toList());
        String prefix = train ? "train" : "t10k";
        byte[] rawLabels = readIdx(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), 1);
        byte[] rawImages = readIdx(dir.resolve(prefix + "-images-idx3-ubyte.gz"), 3);
        List<byte[]> keptImages = new ArrayList<>();
        List<Integer> keptDomains = new ArrayList<>();
        for (int i = 0; i < rawLabels.length; i++) {
            int d = wanted.indexOf((int) rawLabels[i]);
            if (d >= 0) {
                byte[] img = new byte[SIDE * SIDE];
                System.arraycopy(rawImages, i * SIDE * SIDE, img, 0, img.length);
                keptImages.add(img);
                keptDomains.add(d);
            }
        }
        this.images = keptImages.toArray(new byte[0][]);
        this.domain = keptDomains.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int indexOf(String name) {
        for (int i = 0; i < CLASSES.size(); i++) {
            if (CLASSES.get(i).equalsIgnoreCase(name.trim())) {
                return i;
            }
        }
        try {
            int i = Integer.parseInt(name.trim());
            return i >= 0 && i < CLASSES.size() ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] readIdx(Path file, int dims) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            int magic = in.readInt();
            if (magic != 0x800 + dims) {
                throw new IOException(
                        file
                                + " is not an IDX file with "
                                + dims
                                + " dimensions (magic "
                                + Integer.toHexString(magic)
                                + "); re-install the dataset.");
            }
            long count = 1;
            for (int i = 0; i < dims; i++) {
                count *= in.readInt();
            }
            byte[] data = new byte[Math.toIntExact(count)];
            in.readFully(data);
            return data;
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(
                    file.toString(),
                    null,
                    "Fashion-MNIST file missing. Install Debian's package (apt-get install"
                            + " dataset-fashion-mnist, which fills "
                            + DEBIAN_DIR
                            + ") or point --data at a folder with the four *-ubyte.gz files.");
        }
    }

    @Override
    public int size() {
        return images.length;
    }

    @Override
    public LabelSpace labels() {
        return labels;
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int imageSize() {
        return size;
    }

    /** Returns the domain index of example {@code index}. */
    public int domainOf(int index) {
        return domain[index];
    }

    @Override
    public void read(
            int index,
            float[] pixels,
            int pixelOffset,
            float[] label,
            int labelOffset,
            Random augment) {
        byte[] img = images[index];
        boolean flip = augment != null && augment.nextBoolean();
        int pad = (size - SIDE) / 2;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int sy;
                int sx;
                if (size >= SIDE) {
                    sy = y - pad;
                    sx = x - pad;
                } else {
                    sy = y * SIDE / size;
                    sx = x * SIDE / size;
                }
                if (flip) {
                    sx = SIDE - 1 - sx;
                }
                float v = -1f;
                if (sy >= 0 && sy < SIDE && sx >= 0 && sx < SIDE) {
                    v = (img[sy * SIDE + sx] & 0xff) / 127.5f - 1f;
                }
                pixels[pixelOffset + y * size + x] = v;
            }
        }
        for (int d = 0; d < labels.size(); d++) {
            label[labelOffset + d] = d == domain[index] ? 1f : 0f;
        }
    }

    @Override
    public String describe() {
        return "Fashion-MNIST "
                + (train ? "train" : "test")
                + " "
                + labels.names()
                + " at "
                + size
                + " px from "
                + dir
                + " ("
                + images.length
                + " images)";
    }
}
