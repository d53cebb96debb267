package io.github.dwgan.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a miniature CelebA in its exact on-disk layout, with synthetic images. */
final class CelebAFixture {

    /** CelebA's 40 attribute names, in file order. */
    static final List<String> NAMES =
            List.of(
                    "5_o_Clock_Shadow",
                    "Arched_Eyebrows",
                    "Attractive",
                    "Bags_Under_Eyes",
                    "Bald",
                    "Bangs",
                    "Big_Lips",
                    "Big_Nose",
                    "Black_Hair",
                    "Blond_Hair",
                    "Blurry",
                    "Brown_Hair",
                    "Bushy_Eyebrows",
                    "Chubby",
                    "Double_Chin",
                    "Eyeglasses",
                    "Goatee",
                    "Gray_Hair",
                    "Heavy_Makeup",
                    "High_Cheekbones",
                    "Male",
                    "Mouth_Slightly_Open",
                    "Mustache",
                    "Narrow_Eyes",
                    "No_Beard",
                    "Oval_Face",
                    "Pale_Skin",
                    "Pointy_Nose",
                    "Receding_Hairline",
                    "Rosy_Cheeks",
                    "Sideburns",
                    "Smiling",
                    "Straight_Hair",
                    "Wavy_Hair",
                    "Wearing_Earrings",
                    "Wearing_Hat",
                    "Wearing_Lipstick",
                    "Wearing_Necklace",
                    "Wearing_Necktie",
                    "Young");

    private CelebAFixture() {}

    /** Returns the value of attribute {@code a} (file column) on row {@code i} (0-based). */
    static int value(int i, int a) {
        return (i * 7 + a * 3) % 5 < 2 ? 1 : -1;
    }

    /** Returns the file name of row {@code i}. */
    static String fileName(int i) {
        return String.format("%06d.jpg", i + 1);
    }

    /** Writes {@code n} rows and images (178 x 218, CelebA's size) under {@code root}. */
    static void write(Path root, int n) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(n).append('\n').append(String.join(" ", NAMES)).append(" \n");
        for (int i = 0; i < n; i++) {
            sb.append(fileName(i));
            for (int a = 0; a < NAMES.size(); a++) {
                sb.append(String.format(" %2d", value(i, a)));
            }
            sb.append('\n');
            SyntheticImages.write(
                    root.resolve("img_align_celeba").resolve(fileName(i)), 178, 218, i);
        }
        Files.writeString(root.resolve("list_attr_celeba.txt"), sb.toString());
    }
}
