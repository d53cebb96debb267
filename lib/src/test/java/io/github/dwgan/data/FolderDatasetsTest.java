package io.github.dwgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads RaFD, Stirling and sorted folders from miniature copies of their layouts. */
class FolderDatasetsTest {

    @TempDir Path root;

    private void writeRafdOriginal(Path dir) throws IOException {
        int seed = 0;
        for (int angle : new int[] {0, 45, 90, 135, 180}) {
            for (String e : RaFD.EXPRESSIONS) {
                String name =
                        String.format("Rafd%03d_%02d_Caucasian_female_%s_frontal.jpg", angle, 1, e);
                SyntheticImages.write(dir.resolve(name), 8, 8, seed++);
            }
        }
        Files.writeString(dir.resolve("readme.txt"), "not an image");
        SyntheticImages.write(dir.resolve("thumb.png"), 4, 4, 99);
    }

    @Test
    void rafdOriginalNamesGiveExpressionsAtStarganAngles() throws IOException {
        writeRafdOriginal(root);

        DatasetListing l = RaFD.list(root, RaFD.STARGAN_ANGLES, Split.ALL_TRAIN);

        assertEquals(24, l.train().size()); // 8 expressions x 3 angles; profiles and junk out
        assertEquals(RaFD.EXPRESSIONS, l.labels().names());
        assertEquals(LabelKind.SINGLE, l.labels().kind());
        for (LabelledImage im : l.train()) {
            String n = im.file().getFileName().toString();
            String expr = n.split("_")[4];
            assertArrayEquals(l.labels().oneHot(RaFD.EXPRESSIONS.indexOf(expr)), im.label(), n);
            assertTrue(!n.startsWith("Rafd000") && !n.startsWith("Rafd180"), n);
        }
        Map<String, Integer> counts = l.countsPerDomain(l.train());
        assertEquals(3, counts.get("happy"));
        assertEquals(Preprocessing.RAFD, l.preprocessing());
    }

    @Test
    void rafdSortedTrainAndTestFoldersAreUsedAsTheSplit() throws IOException {
        for (String split : List.of("train", "test")) {
            for (int e = 0; e < 8; e++) {
                int n = split.equals("train") ? 2 : 1;
                for (int i = 0; i < n; i++) {
                    SyntheticImages.write(
                            root.resolve(split)
                                    .resolve(RaFD.EXPRESSIONS.get(e))
                                    .resolve("im" + i + ".png"),
                            8,
                            8,
                            e * 10 + i);
                }
            }
        }

        DatasetListing l = RaFD.list(root, RaFD.STARGAN_ANGLES, Split.ALL_TRAIN);

        assertEquals(16, l.train().size());
        assertEquals(8, l.test().size());
        assertArrayEquals(l.labels().oneHot(7), l.test().get(7).label());
        assertTrue(l.test().get(7).file().toString().contains("surprised"));
    }

    @Test
    void parentOfTrainFolderIsNamedInTheError() throws IOException {
        SyntheticImages.write(root.resolve("train/angry/a.png"), 8, 8, 1);
        SyntheticImages.write(root.resolve("test/angry/a.png"), 8, 8, 1);

        DatasetException e =
                assertThrows(
                        DatasetException.class,
                        () -> ImageFolder.list(root, 8, Split.ALL_TRAIN, Preprocessing.RAFD));

        assertEquals(
                "Found 2 domain folders [test, train] in "
                        + root
                        + " but 8 domains are configured. This looks like the parent of the split"
                        + " folders: use --root "
                        + root.resolve("train")
                        + ".",
                e.getMessage());
    }

    @Test
    void emptyDomainFolderIsNamed() throws IOException {
        SyntheticImages.write(root.resolve("cats/a.png"), 8, 8, 1);
        Files.createDirectories(root.resolve("dogs"));
        Files.writeString(root.resolve("dogs/notes.txt"), "x");

        DatasetException e =
                assertThrows(
                        DatasetException.class,
                        () -> ImageFolder.list(root, 0, Split.ALL_TRAIN, Preprocessing.RAFD));

        assertEquals(
                "Domain folder "
                        + root.resolve("dogs")
                        + " has no .jpg/.jpeg/.png/.bmp"
                        + " images: add images or remove the folder.",
                e.getMessage());
    }

    @Test
    void imageFolderLabelsBySortedFolderNameAndSplitsBySeed() throws IOException {
        for (String d : List.of("zebra", "apple", "mango")) {
            for (int i = 0; i < 4; i++) {
                SyntheticImages.write(root.resolve(d).resolve(i + ".jpg"), 8, 8, i);
            }
        }

        DatasetListing l = ImageFolder.list(root, 3, new Split(7, 3), Preprocessing.RAFD);

        assertEquals(List.of("apple", "mango", "zebra"), l.labels().names());
        assertEquals(9, l.train().size());
        assertEquals(3, l.test().size());
        for (LabelledImage im : l.test()) {
            String domain = im.file().getParent().getFileName().toString();
            assertArrayEquals(l.labels().oneHot(l.labels().names().indexOf(domain)), im.label());
        }
    }

    @Test
    void stirlingDefaultPatternReadsCodesAndNames() throws IOException {
        String[] codes = {"AN", "DI", "FE", "HA", "NE", "SA", "SU"};
        for (int s = 1; s <= 2; s++) {
            for (int e = 0; e < 7; e++) {
                SyntheticImages.write(
                        root.resolve(String.format("F10%02d_%s.jpg", s, codes[e])),
                        8,
                        8,
                        s * 10 + e);
            }
        }
        SyntheticImages.write(root.resolve("sub/m012-happy-2.png"), 8, 8, 5);

        DatasetListing l = Stirling.list(root, Stirling.DEFAULT_NAME, Split.ALL_TRAIN);

        assertEquals(15, l.train().size());
        Map<String, Integer> counts = l.countsPerDomain(l.train());
        assertEquals(3, counts.get("happy"));
        assertEquals(2, counts.get("surprised"));
        LabelledImage first = l.train().get(0);
        assertEquals("F1001_AN.jpg", first.file().getFileName().toString());
        assertArrayEquals(l.labels().oneHot(0), first.label());
    }

    @Test
    void stirlingCustomPatternAndEmptyDomainError() throws IOException {
        for (String e : Stirling.EXPRESSIONS) {
            SyntheticImages.write(root.resolve("s1/" + e + ".png"), 8, 8, 1);
        }
        DatasetListing l = Stirling.list(root, "(?<expression>[a-z]+)\\.png", Split.ALL_TRAIN);
        assertEquals(7, l.train().size());

        Files.delete(root.resolve("s1/sad.png"));
        DatasetException e =
                assertThrows(
                        DatasetException.class,
                        () -> Stirling.list(root, "(?<expression>[a-z]+)\\.png", Split.ALL_TRAIN));
        assertTrue(
                e.getMessage().startsWith("Stirling domain 'sad' has no images under " + root),
                e.getMessage());

        DatasetException noGroup =
                assertThrows(
                        DatasetException.class,
                        () -> Stirling.list(root, "[a-z]+\\.png", Split.ALL_TRAIN));
        assertTrue(noGroup.getMessage().contains("has no named group (?<expression>...)"));
    }

    @Test
    void unknownExpressionNamesTheFile() throws IOException {
        writeRafdOriginal(root);
        Path odd =
                SyntheticImages.write(
                        root.resolve("Rafd090_02_Caucasian_male_bored_frontal.jpg"), 8, 8, 3);

        DatasetException e =
                assertThrows(
                        DatasetException.class, () -> RaFD.list(root, Set.of(90), Split.ALL_TRAIN));

        assertTrue(
                e.getMessage().startsWith("RaFD file " + odd + " has expression 'bored'"),
                e.getMessage());
    }
}
