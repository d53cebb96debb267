package io.github.dwgan.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a list into test and training parts by a seeded shuffle: the first {@code testCount} items
 * after the shuffle are the test set, as StarGAN does for CelebA.
 *
 * <p>The shuffle is CPython's ({@link PythonRandom}), so with the StarGAN defaults the rows are the
 * ones StarGAN picks. Note: StarGAN's paper says 2,000 test images, but its code tests {@code (i +
 * 1) < 2000}, which keeps 1,999; {@link #STARGAN_CELEBA} reproduces the code.
 *
 * @param seed the shuffle seed
 * @param testCount how many shuffled items go to the test set (0: no test set, no shuffle)
 */
public record Split(long seed, int testCount) {

    /** StarGAN's CelebA split: {@code random.seed(1234)}, rows 0..1998 of the shuffle are test. */
    public static final Split STARGAN_CELEBA = new Split(1234, 1999);

    /** Everything is training data, in file order. */
    public static final Split ALL_TRAIN = new Split(0, 0);

    /** Checks the count. */
    public Split {
        if (testCount < 0) {
            throw new IllegalArgumentException("Test count must be >= 0, got " + testCount);
        }
    }

    /** The two parts of a split. */
    public record Parts<T>(List<T> train, List<T> test) {}

    /** Shuffles a copy of {@code items} and cuts it; the input is left unchanged. */
    public <T> Parts<T> apply(List<T> items) {
        if (testCount == 0) {
            return new Parts<>(List.copyOf(items), List.of());
        }
        if (testCount >= items.size()) {
            throw new DatasetException(
                    "The test split asks for "
                            + testCount
                            + " items but the dataset has only "
                            + items.size()
                            + ": lower --test-count.");
        }
        List<T> shuffled = new ArrayList<>(items);
        new PythonRandom(seed).shuffle(shuffled);
        return new Parts<>(
                List.copyOf(shuffled.subList(testCount, shuffled.size())),
                List.copyOf(shuffled.subList(0, testCount)));
    }
}
