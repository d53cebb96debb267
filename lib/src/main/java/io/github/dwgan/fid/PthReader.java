package io.github.dwgan.fid;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Reads a PyTorch state dict saved by {@code torch.save}, in the zip format (PyTorch 1.6 and later)
 * or the legacy format of earlier versions, into float arrays by parameter name.
 *
 * <p>The pickle is parsed by razorvine's {@link Unpickler}; the tensor storages are read from the
 * zip entries {@code <archive>/data/<key>} or, in the legacy format, from the records that follow
 * the pickles. Float32 and float64 tensors are read as float; other dtypes (such as BatchNorm's
 * int64 {@code num_batches_tracked}) are skipped.
 */
public final class PthReader {

    private static final Map<String, Integer> ELEMENT_SIZES =
            Map.of(
                    "FloatStorage",
                    4,
                    "DoubleStorage",
                    8,
                    "HalfStorage",
                    2,
                    "LongStorage",
                    8,
                    "IntStorage",
                    4,
                    "ByteStorage",
                    1,
                    "BoolStorage",
                    1);

    private PthReader() {}

    /** Describes one tensor: its dtype (a storage class name), shape and values. */
    public record Tensor(String storageType, long[] shape, float[] data) {}

    /**
     * Reads the floating-point tensors of a state dict.
     *
     * @param file a {@code .pth} file written by {@code torch.save(module.state_dict(), file)}
     * @return the tensors by name, in no particular order
     * @throws IOException if the file cannot be read or is not a state dict
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        byte[] head = new byte[2];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 2) < 2) {
                throw new IOException(file + " is empty");
            }
        }
        try {
            return head[0] == 'P' && head[1] == 'K' ? readZip(file) : readLegacy(file);
        } catch (PickleException | ClassCastException | IndexOutOfBoundsException e) {
            throw new IOException(file + " is not a PyTorch state dict: " + e, e);
        }
    }

    private static Map<String, Tensor> readZip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pkl =
                    zip.stream()
                            .filter(e -> e.getName().endsWith("/data.pkl"))
                            .findFirst()
                            .orElseThrow(() -> new IOException(file + " has no data.pkl"));
            String prefix =
                    pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            StateDictUnpickler u = new StateDictUnpickler();
            Map<?, ?> dict = asMap(u.load(zip.getInputStream(pkl)));
            Map<String, byte[]> storages = new HashMap<>();
            for (StorageRef s : u.storages.values()) {
                ZipEntry e = zip.getEntry(prefix + "data/" + s.key);
                if (e == null) {
                    throw new IOException(file + " lacks storage " + s.key);
                }
                storages.put(s.key, zip.getInputStream(e).readAllBytes());
            }
            return tensors(dict, storages);
        }
    }

    private static Map<String, Tensor> readLegacy(Path file) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(Files.readAllBytes(file));
        Object magic = new Unpickler().load(in);
        if (!new BigInteger("1950a86a20f9469cfc6c", 16).equals(toBig(magic))) {
            throw new IOException(file + " is neither a zip nor a legacy torch.save file");
        }
        new Unpickler().load(in); // protocol version
        new Unpickler().load(in); // system info
        StateDictUnpickler u = new StateDictUnpickler();
        Map<?, ?> dict = asMap(u.load(in));
        List<?> keys = (List<?>) new Unpickler().load(in);

        Map<String, byte[]> storages = new HashMap<>();
        for (Object k : keys) {
            StorageRef s = u.storages.get(k.toString());
            // Each record: int64 element count, then the elements (little-endian).
            byte[] countBytes = in.readNBytes(8);
            long count = ByteBuffer.wrap(countBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            storages.put(s.key, in.readNBytes(Math.toIntExact(count * s.elementSize)));
        }
        return tensors(dict, storages);
    }

    private static Map<String, Tensor> tensors(Map<?, ?> dict, Map<String, byte[]> storages) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getValue() instanceof TensorRef t)) {
                continue;
            }
            String type = t.storage.type;
            if (!type.equals("FloatStorage") && !type.equals("DoubleStorage")) {
                continue;
            }
            out.put(e.getKey().toString(), t.toTensor(storages.get(t.storage.key)));
        }
        return out;
    }

    private static Map<?, ?> asMap(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new ClassCastException("top-level object is " + o.getClass().getSimpleName());
        }
        return m;
    }

    private static BigInteger toBig(Object o) {
        return o instanceof BigInteger b
                ? b
                : o instanceof Number n ? BigInteger.valueOf(n.longValue()) : null;
    }

    private record StorageRef(String type, String key, int elementSize) {}

    private record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {

        Tensor toTensor(byte[] bytes) {
            int n = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
            long expected = 1;
            for (int i = shape.length - 1; i >= 0; i--) {
                if (shape[i] != 1 && stride[i] != expected) {
                    throw new PickleException(
                            "non-contiguous tensor of shape "
                                    + Arrays.toString(shape)
                                    + " and stride "
                                    + Arrays.toString(stride));
                }
                expected *= shape[i];
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            buf.position(Math.toIntExact(offset * storage.elementSize));
            float[] data = new float[n];
            for (int i = 0; i < n; i++) {
                data[i] =
                        switch (storage.type) {
                            case "DoubleStorage" -> (float) buf.getDouble();
                            default -> buf.getFloat();
                        };
            }
            return new Tensor(storage.type, shape, data);
        }
    }

    /** A storage class such as {@code torch.FloatStorage}, as referenced from the pickle. */
    private record StorageType(String name) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("storage classes are not constructed: " + name);
        }
    }

    /** An OrderedDict that accepts pickle's BUILD (the state dict's {@code _metadata}). */
    public static final class OrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;

        /** Ignores the state set by BUILD, the state dict's {@code _metadata} attribute. */
        public void __setstate__(HashMap<?, ?> state) {}
    }

    private static final class StateDictUnpickler extends Unpickler {
        final Map<String, StorageRef> storages = new HashMap<>();

        static {
            for (String t : ELEMENT_SIZES.keySet()) {
                registerConstructor("torch", t, new StorageType(t));
            }
            registerConstructor("collections", "OrderedDict", args -> new OrderedDict());
            IObjectConstructor rebuild =
                    args ->
                            new TensorRef(
                                    (StorageRef) args[0],
                                    ((Number) args[1]).longValue(),
                                    longs(args[2]),
                                    longs(args[3]));
            registerConstructor("torch._utils", "_rebuild_tensor_v2", rebuild);
            registerConstructor("torch._utils", "_rebuild_tensor", rebuild);
        }

        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            if (key != Opcodes.BINPERSID) {
                return super.dispatch(key);
            }
            // Torch's persistent ids are tuples ('storage', type, key, location, numel, ...),
            // which the base class would flatten to a string.
            Object[] pid = (Object[]) stack.pop();
            String type = ((StorageType) pid[1]).name();
            String k = pid[2].toString();
            StorageRef ref =
                    storages.computeIfAbsent(
                            k, x -> new StorageRef(type, x, ELEMENT_SIZES.get(type)));
            stack.add(ref);
            return NO_RETURN_VALUE;
        }

        private static long[] longs(Object tuple) {
            Object[] a = (Object[]) tuple;
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = ((Number) a[i]).longValue();
            }
            return out;
        }
    }
}
