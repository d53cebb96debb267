package io.github.dwgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the fixed target labels against StarGAN's create_labels, worked by hand. */
class LabelSpaceTest {

    @Test
    void celebaTargetsSetOneHairColourAndFlipTheRest() {
        LabelSpace s = CelebA.labelSpace(CelebA.STARGAN_ATTRIBUTES);
        float[] original = {0, 1, 0, 1, 0}; // blond, male, not young

        List<float[]> t = s.fixedTargets(original);

        assertEquals(5, t.size());
        assertArrayEquals(new float[] {1, 0, 0, 1, 0}, t.get(0)); // black hair
        assertArrayEquals(new float[] {0, 1, 0, 1, 0}, t.get(1)); // blond hair (kept)
        assertArrayEquals(new float[] {0, 0, 1, 1, 0}, t.get(2)); // brown hair
        assertArrayEquals(new float[] {0, 1, 0, 0, 0}, t.get(3)); // male flipped
        assertArrayEquals(new float[] {0, 1, 0, 1, 1}, t.get(4)); // young flipped
        assertArrayEquals(new float[] {0, 1, 0, 1, 0}, original); // input untouched
    }

    @Test
    void hairGroupIsFoundByNameNotPosition() {
        LabelSpace s = CelebA.labelSpace(List.of("Young", "Gray_Hair", "Male", "Black_Hair"));

        assertEquals(List.of(List.of(1, 3)), s.exclusiveGroups());
        List<float[]> t = s.fixedTargets(new float[] {1, 0, 0, 1});
        assertArrayEquals(new float[] {1, 1, 0, 0}, t.get(1));
        assertArrayEquals(new float[] {0, 0, 0, 1}, t.get(0));
    }

    @Test
    void singleLabelTargetsAreOneHot() {
        LabelSpace s = LabelSpace.singleLabel(RaFD.EXPRESSIONS);

        List<float[]> t = s.fixedTargets(s.oneHot(3));

        assertEquals(8, t.size());
        for (int d = 0; d < 8; d++) {
            assertArrayEquals(s.oneHot(d), t.get(d));
        }
    }
}
