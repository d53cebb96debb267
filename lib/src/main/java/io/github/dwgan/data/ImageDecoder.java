package io.github.dwgan.data;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG, PNG, BMP and GIF files with {@code javax.imageio} into 8-bit RGB or grey pixels,
 * with the EXIF orientation applied.
 *
 * <p>Conversions follow Pillow's {@code convert("RGB")} (StarGAN's loaders): grey is repeated into
 * three channels, palette images are looked up, alpha is dropped (not composited), 16-bit samples
 * keep their high byte. To one channel, RGB becomes ITU-R 601 luma as Pillow's {@code
 * convert("L")}. Decoder warnings (such as a truncated JPEG, which ImageIO otherwise fills with
 * grey) are treated as corruption.
 *
 * <p>Note: StarGAN does not apply EXIF orientation (Pillow's {@code open} ignores it); CelebA and
 * RaFD files carry none, so this changes nothing there. Note: ImageIO's JPEG decoder and Pillow's
 * libjpeg-turbo may round differently (measured on a 4:2:0 quality-90 fixture in ImageDecoderTest:
 * identical, max difference 0; the test allows 1).
 */
public final class ImageDecoder {

    private ImageDecoder() {}

    /**
     * Reads and decodes an image file.
     *
     * @param file the image
     * @param channels 3 for RGB or 1 for grey
     * @return the decoded, oriented pixels
     * @throws DatasetException naming the file when it is missing, unreadable or corrupt
     */
    public static RawImage decode(Path file, int channels) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(
                    "Image "
                            + file
                            + " is listed but absent: restore the file, or remove its row"
                            + " / point the dataset root at the folder that holds it.");
        } catch (IOException e) {
            throw new DatasetException("Cannot read image " + file + ": " + e.getMessage(), e);
        }
        BufferedImage img = read(file, bytes);
        RawImage raw = toRaw(img, channels);
        return raw.oriented(exifOrientation(bytes));
    }

    private static BufferedImage read(Path file, byte[] bytes) {
        String fix = ": re-download or re-extract it, or pass --skip-corrupt to leave it out.";
        try (ImageInputStream in =
                ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new CorruptImageException(
                        "Image "
                                + file
                                + " is not a JPEG, PNG, BMP or GIF file (or is corrupt)"
                                + fix,
                        null);
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                BufferedImage img = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new CorruptImageException(
                            "Image "
                                    + file
                                    + " is corrupt or truncated ("
                                    + warnings.get(0)
                                    + ")"
                                    + fix,
                            null);
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetException d) {
                throw d;
            }
            throw new CorruptImageException(
                    "Image " + file + " is corrupt or truncated (" + e.getMessage() + ")" + fix, e);
        }
    }

    /** Converts a decoded image to interleaved 8-bit samples with the requested channels. */
    static RawImage toRaw(BufferedImage img, int channels) {
        int w = img.getWidth();
        int h = img.getHeight();
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w * bands];
        if (img.getColorModel() instanceof IndexColorModel icm) {
            int[] idx = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, idx);
                for (int x = 0; x < w; x++) {
                    int argb = icm.getRGB(idx[x]);
                    put(rgb, (y * w + x) * 3, argb >> 16, argb >> 8, argb);
                }
            }
        } else {
            int shift = Math.max(0, r.getSampleModel().getSampleSize(0) - 8);
            for (int y = 0; y < h; y++) {
                r.getPixels(0, y, w, 1, row);
                for (int x = 0; x < w; x++) {
                    int o = x * bands;
                    int red = row[o] >> shift;
                    int green = bands >= 3 ? row[o + 1] >> shift : red;
                    int blue = bands >= 3 ? row[o + 2] >> shift : red;
                    put(rgb, (y * w + x) * 3, red, green, blue);
                }
            }
        }
        if (channels == 3) {
            return new RawImage(w, h, 3, rgb);
        }
        byte[] grey = new byte[w * h];
        for (int i = 0; i < grey.length; i++) {
            int v =
                    (rgb[3 * i] & 0xff) * 19595
                            + (rgb[3 * i + 1] & 0xff) * 38470
                            + (rgb[3 * i + 2] & 0xff) * 7471
                            + 0x8000;
            grey[i] = (byte) (v >> 16);
        }
        return new RawImage(w, h, 1, grey);
    }

    private static void put(byte[] rgb, int o, int red, int green, int blue) {
        rgb[o] = (byte) red;
        rgb[o + 1] = (byte) green;
        rgb[o + 2] = (byte) blue;
    }

    /** Returns the EXIF orientation (1..8), or 1 when the file has none. */
    static int exifOrientation(byte[] bytes) {
        try {
            Metadata meta = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
            ExifIFD0Directory dir = meta.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (dir != null && dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (Exception e) {
            // Unreadable metadata leaves the image as decoded; pixel errors are caught above.
            return 1;
        }
        return 1;
    }
}
