package io.github.dwgan.fid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FidInceptionTest {

    @Test
    void expectsExactlyTheKeysAndShapesOfPytorchFidsStateDict() throws IOException {
        // Listed by the generator from pytorch-fid's network built on torchvision's Inception3.
        Map<String, Shape> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Fixtures.path("inception_keys_full.txt"))) {
            String[] p = line.trim().split(" ");
            long[] dims = new long[p.length - 1];
            for (int i = 1; i < p.length; i++) {
                dims[i - 1] = Long.parseLong(p[i]);
            }
            expected.put(p[0], new Shape(dims));
        }
        FidInception.Network net = FidInception.build(1);
        assertEquals(472, expected.size());
        assertEquals(expected, net.shapes());
        assertEquals(2048, net.features());
    }

    @Test
    void matchesPytorchOnImagesWithinTolerance() throws IOException {
        Map<String, Npz.Array> expected = Fixtures.npz("inception_w16_expected.npz");
        List<String> names = List.of("img_rgb", "img_gray", "img_rgba");
        try (InceptionFeatureExtractor fx =
                InceptionFeatureExtractor.load(Fixtures.path("inception_w16.pt"), 16)) {
            assertEquals(128, fx.dimension());
            assertEquals("FID", fx.distanceName());
            List<BufferedImage> imgs =
                    List.of(
                            Images.read(Fixtures.path("img_rgb.png")),
                            Images.read(Fixtures.path("img_gray.png")),
                            Images.read(Fixtures.path("img_rgba.png")));
            double[][] f = fx.extract(imgs);
            double worst = 0;
            for (int i = 0; i < names.size(); i++) {
                double[] e = expected.get(names.get(i)).data();
                assertEquals(e.length, f[i].length);
                for (int j = 0; j < e.length; j++) {
                    worst = Math.max(worst, Math.abs(e[j] - f[i][j]));
                    assertEquals(e[j], f[i][j], 1e-4, names.get(i) + "[" + j + "]");
                }
            }
            assertTrue(worst < 1e-4, "max abs diff " + worst);
            System.err.println("FidInceptionTest: max abs diff vs PyTorch " + worst);
        }
    }

    @Test
    void namesFileAndSourceWhenWeightsAreMissing(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Path missing = tmp.resolve(InceptionWeights.FILE_NAME);
        FileNotFoundException e =
                assertThrows(
                        FileNotFoundException.class, () -> InceptionFeatureExtractor.load(missing));
        assertTrue(e.getMessage().contains("pt_inception-2015-12-05-6726825d.pth"));
        assertTrue(e.getMessage().contains("github.com/mseitzer/pytorch-fid/releases"));
        assertTrue(e.getMessage().contains(missing.toAbsolutePath().toString()));
    }

    @Test
    void rejectsWeightsOfAnotherWidth() {
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> InceptionFeatureExtractor.load(Fixtures.path("inception_w16.pt"), 8));
        assertTrue(e.getMessage().contains("has shape"), e.getMessage());
    }
}
