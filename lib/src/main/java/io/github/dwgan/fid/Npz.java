package io.github.dwgan.fid;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes numpy's {@code .npz} archives (a zip of {@code .npy} arrays), the format in
 * which pytorch-fid stores statistics ({@code mu}, {@code sigma}).
 *
 * <p>Reading accepts float64 and float32 arrays in either byte order and C or Fortran order
 * (pytorch-fid's own files hold {@code mu} as float32, since numpy keeps the activations' dtype in
 * the mean, and {@code sigma} as float64). Writing always stores little-endian float64 in C order,
 * uncompressed, as {@code numpy.savez} does.
 */
public final class Npz {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {}

    /** An n-dimensional array of doubles in C (row-major) order. */
    public record Array(double[] data, long[] shape) {

        /** Checks that the data length matches the shape. */
        public Array {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            if (n != data.length) {
                throw new IllegalArgumentException(
                        "shape "
                                + Arrays.toString(shape)
                                + " needs "
                                + n
                                + " values, got "
                                + data.length);
            }
        }

        /** Returns a one-dimensional array of the given values. */
        public static Array of(double[] values) {
            return new Array(values, new long[] {values.length});
        }

        /** Returns a two-dimensional array of the given rows (all of one length). */
        public static Array of(double[][] rows) {
            int cols = rows.length == 0 ? 0 : rows[0].length;
            double[] data = new double[rows.length * cols];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, data, i * cols, cols);
            }
            return new Array(data, new long[] {rows.length, cols});
        }

        /** Returns the rows of a two-dimensional array. */
        public double[][] toMatrix() {
            if (shape.length != 2) {
                throw new IllegalStateException("not a matrix: shape " + Arrays.toString(shape));
            }
            int rows = (int) shape[0];
            int cols = (int) shape[1];
            double[][] m = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(data, i * cols, m[i], 0, cols);
            }
            return m;
        }
    }

    /**
     * Reads every array of an {@code .npz} file, keyed by name without the {@code .npy} suffix.
     *
     * @param file the archive
     * @return the arrays in archive order
     * @throws IOException if the file cannot be read or holds an unsupported array
     */
    public static Map<String, Array> read(Path file) throws IOException {
        Map<String, Array> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (!name.endsWith(".npy")) {
                    continue;
                }
                try {
                    arrays.put(name.substring(0, name.length() - 4), readNpy(zip));
                } catch (IOException | RuntimeException ex) {
                    throw new IOException(file + ": array '" + name + "': " + ex.getMessage(), ex);
                }
            }
        }
        return arrays;
    }

    /**
     * Writes arrays as an uncompressed {@code .npz} file of little-endian float64 {@code .npy}
     * entries.
     *
     * @param file the archive to create or replace
     * @param arrays the arrays by name (without {@code .npy})
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, Map<String, Array> arrays) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, Array> a : arrays.entrySet()) {
                byte[] bytes = toNpy(a.getValue());
                ZipEntry e = new ZipEntry(a.getKey() + ".npy");
                // numpy.savez stores entries uncompressed; STORED needs size and CRC up front.
                CRC32 crc = new CRC32();
                crc.update(bytes);
                e.setMethod(ZipEntry.STORED);
                e.setSize(bytes.length);
                e.setCompressedSize(bytes.length);
                e.setCrc(crc.getValue());
                zip.putNextEntry(e);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
    }

    /** Parses one {@code .npy} stream (format versions 1, 2 and 3). */
    static Array readNpy(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
            throw new IOException("not an .npy array (bad magic)");
        }
        int major = magic[6];
        int headerLen;
        if (major == 1) {
            byte[] len = in.readNBytes(2);
            headerLen = (len[0] & 0xff) | (len[1] & 0xff) << 8;
        } else {
            byte[] len = in.readNBytes(4);
            headerLen = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }
        String header = new String(in.readNBytes(headerLen), StandardCharsets.ISO_8859_1);

        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException("unreadable .npy header: " + header.trim());
        }
        String kind = d.group(2);
        int width = Integer.parseInt(d.group(3));
        if (!kind.equals("f") || (width != 4 && width != 8)) {
            throw new IOException("unsupported dtype " + d.group() + "; need float32 or float64");
        }
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long[] shape =
                Arrays.stream(s.group(1).split(","))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .mapToLong(Long::parseLong)
                        .toArray();
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (count * width > Integer.MAX_VALUE) {
            throw new IOException("array too large: " + Arrays.toString(shape));
        }

        ByteBuffer buf = ByteBuffer.wrap(in.readNBytes((int) (count * width))).order(order);
        if (buf.capacity() != count * width) {
            throw new IOException("truncated data for shape " + Arrays.toString(shape));
        }
        double[] data = new double[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] = width == 8 ? buf.getDouble() : buf.getFloat();
        }
        if (f.group(1).equals("True") && shape.length > 1) {
            data = fortranToC(data, shape);
        }
        return new Array(data, shape);
    }

    private static double[] fortranToC(double[] data, long[] shape) {
        int n = shape.length;
        int[] dims = Arrays.stream(shape).mapToInt(x -> (int) x).toArray();
        double[] out = new double[data.length];
        int[] idx = new int[n];
        for (int c = 0; c < data.length; c++) {
            // idx walks C order; the Fortran offset has the first axis varying fastest.
            int off = 0;
            for (int k = n - 1; k >= 0; k--) {
                off = off * dims[k] + idx[k];
            }
            out[c] = data[off];
            for (int k = n - 1; k >= 0 && ++idx[k] == dims[k]; k--) {
                idx[k] = 0;
            }
        }
        return out;
    }

    private static byte[] toNpy(Array a) throws IOException {
        StringBuilder shape = new StringBuilder();
        for (long s : a.shape()) {
            shape.append(s).append(", ");
        }
        if (a.shape().length > 1) {
            shape.setLength(shape.length() - 2);
        } else if (a.shape().length == 1) {
            shape.setLength(shape.length() - 1);
        }
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + shape + "), }";
        // Pad so that magic (6) + version (2) + length (2) + header is a multiple of 64.
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";

        ByteArrayOutputStream out =
                new ByteArrayOutputStream(header.length() + 8 * a.data().length);
        out.write(MAGIC);
        out.write(new byte[] {1, 0, (byte) header.length(), (byte) (header.length() >> 8)});
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer buf = ByteBuffer.allocate(8 * a.data().length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : a.data()) {
            buf.putDouble(v);
        }
        out.write(buf.array());
        return out.toByteArray();
    }
}
