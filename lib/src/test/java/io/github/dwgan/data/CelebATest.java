package io.github.dwgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads a miniature CelebA in the exact distributed format. */
class CelebATest {

    @TempDir Path root;

    @Test
    void labelsFollowTheChosenAttributesByName() throws IOException {
        CelebAFixture.write(root, 10);

        DatasetListing l = CelebA.list(root, CelebA.STARGAN_ATTRIBUTES, Split.ALL_TRAIN);

        assertEquals(10, l.train().size());
        assertEquals(0, l.test().size());
        int[] cols = {8, 9, 11, 20, 39}; // Black, Blond, Brown hair, Male, Young in the file
        for (int i = 0; i < 10; i++) {
            LabelledImage im = l.train().get(i);
            assertEquals(
                    root.resolve("img_align_celeba").resolve(CelebAFixture.fileName(i)), im.file());
            float[] expected = new float[5];
            for (int k = 0; k < 5; k++) {
                expected[k] = CelebAFixture.value(i, cols[k]) == 1 ? 1f : 0f;
            }
            assertArrayEquals(expected, im.label(), "row " + i);
        }
        assertEquals(List.of(List.of(0, 1, 2)), l.labels().exclusiveGroups());
        assertEquals(LabelKind.MULTI, l.labels().kind());
        assertEquals(Preprocessing.CELEBA, l.preprocessing());
    }

    @Test
    void starganSplitTakesTheFirstShuffledRowsAsTest() throws IOException {
        CelebAFixture.write(root, 10);

        DatasetListing l = CelebA.list(root, List.of("Male", "Young"), new Split(1234, 3));

        // CPython's seed-1234 shuffle of 10 rows starts 2, 8, 3 (see PythonRandomTest).
        List<String> test = new ArrayList<>();
        l.test().forEach(im -> test.add(im.file().getFileName().toString()));
        assertEquals(List.of("000003.jpg", "000009.jpg", "000004.jpg"), test);
        assertEquals(7, l.train().size());
        assertEquals(1999, Split.STARGAN_CELEBA.testCount());
        assertEquals(1234, Split.STARGAN_CELEBA.seed());
    }

    @Test
    void missingAttributeFileNamesTheFileAndTheFix() throws IOException {
        Files.createDirectories(root.resolve("img_align_celeba"));

        DatasetException e =
                assertThrows(
                        DatasetException.class,
                        () -> CelebA.list(root, CelebA.STARGAN_ATTRIBUTES, Split.ALL_TRAIN));

        assertTrue(
                e.getMessage().contains("list_attr_celeba.txt not found in " + root),
                e.getMessage());
        assertTrue(e.getMessage().contains("download"), e.getMessage());
    }

    @Test
    void unknownAttributeListsTheValidNames() throws IOException {
        CelebAFixture.write(root, 3);

        DatasetException e =
                assertThrows(
                        DatasetException.class,
                        () -> CelebA.list(root, List.of("Blonde_Hair"), Split.ALL_TRAIN));

        assertTrue(e.getMessage().startsWith("Attribute 'Blonde_Hair' is not in "), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(
                                "Valid names (case-sensitive): 5_o_Clock_Shadow, "
                                        + "Arched_Eyebrows"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Blond_Hair"), e.getMessage());
    }

    @Test
    void wrongValueCountNamesFileAndLine() throws IOException {
        CelebAFixture.write(root, 4);
        Path attr = root.resolve("list_attr_celeba.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(attr));
        lines.set(3, lines.get(3).substring(0, lines.get(3).length() - 3)); // drop one value
        Files.write(attr, lines);

        DatasetException e =
                assertThrows(
                        DatasetException.class,
                        () -> CelebA.list(root, CelebA.STARGAN_ATTRIBUTES, Split.ALL_TRAIN));

        assertEquals(
                attr
                        + " line 4: expected a file name and 40 values, found 39 values; the"
                        + " file is damaged: re-download list_attr_celeba.txt.",
                e.getMessage());
    }

    @Test
    void listedButAbsentImageNamesTheFile() throws IOException {
        CelebAFixture.write(root, 4);
        Path gone = root.resolve("img_align_celeba").resolve("000002.jpg");
        Files.delete(gone);

        DatasetException e =
                assertThrows(
                        DatasetException.class,
                        () -> CelebA.list(root, CelebA.STARGAN_ATTRIBUTES, Split.ALL_TRAIN));

        assertTrue(
                e.getMessage().startsWith("Image " + gone + " is listed on line 4 of "),
                e.getMessage());
        assertTrue(e.getMessage().contains("unzip the complete img_align_celeba.zip"));
    }

    @Test
    void testCountLargerThanDatasetIsRefused() throws IOException {
        CelebAFixture.write(root, 4);

        DatasetException e =
                assertThrows(
                        DatasetException.class,
                        () -> CelebA.list(root, CelebA.STARGAN_ATTRIBUTES, Split.STARGAN_CELEBA));

        assertTrue(e.getMessage().contains("1999 items but the dataset has only 4"));
    }
}
