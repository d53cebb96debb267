package io.github.dwgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Updates parameters with Adam exactly as PyTorch's {@code torch.optim.Adam} (no weight decay, no
 * amsgrad): m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr / (1 - b1^t) * m / (sqrt(v) /
 * sqrt(1 - b2^t) + eps).
 *
 * <p>Written here rather than taken from DJL because its state (moments and step) must be saved in
 * checkpoints for exact resumption, and its learning rate is set per iteration by the trainer's
 * linear decay. Call inside an {@code NDScope} so that temporaries are freed.
 */
public final class Adam {
    private static final NDIndex ALL = new NDIndex(":");
    private final List<Parameter> params = new ArrayList<>();
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final List<NDArray> scratch = new ArrayList<>();
    private final float beta1;
    private final float beta2;
    private final float eps;
    private long step;

    /**
     * Creates the optimiser over every parameter of {@code block}.
     *
     * @param block an initialised block
     * @param state the manager that owns the moment arrays
     * @param beta1 first-moment decay (StarGAN: 0.5)
     * @param beta2 second-moment decay (StarGAN: 0.999)
     */
    public Adam(Block block, NDManager state, float beta1, float beta2) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = 1e-8f;
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            params.add(p.getValue());
            m.add(state.zeros(a.getShape(), a.getDataType(), a.getDevice()));
            v.add(state.zeros(a.getShape(), a.getDataType(), a.getDevice()));
        }
        // One buffer of the largest parameter's size, viewed in each parameter's shape.
        long largest = 0;
        for (Parameter p : params) {
            largest = Math.max(largest, p.getArray().size());
        }
        if (!params.isEmpty()) {
            NDArray a0 = params.get(0).getArray();
            NDArray flat = state.zeros(new Shape(largest), a0.getDataType(), a0.getDevice());
            for (Parameter p : params) {
                NDArray a = p.getArray();
                scratch.add(flat.get(new NDIndex("0:{}", a.size())).reshape(a.getShape()));
            }
        }
    }

    /** Returns the number of updates done. */
    public long step() {
        return step;
    }

    /**
     * Applies one update with the given learning rate, reading each parameter's gradient.
     *
     * @param lr the learning rate for this step
     */
    public void update(float lr) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i).getArray();
            NDArray mi = m.get(i);
            NDArray vi = v.get(i);
            NDArray s = scratch.get(i);
            // The same operations in the same order as m = b1 m + g (1 - b1) etc., but written
            // into a reused buffer: a fresh 134 MB temporary costs more (page faults) than the
            // arithmetic on it (measured in docs/bench.md).
            try (NDArray g = p.getGradient()) {
                s.set(ALL, g);
                mi.muli(beta1).addi(s.muli(1 - beta1));
                s.set(ALL, g);
                vi.muli(beta2).addi(s.muli(g).muli(1 - beta2));
            }
            try (NDArray denom = vi.sqrt()) {
                denom.muli(invSqrtBc2).addi(eps);
                s.set(ALL, mi);
                p.subi(s.divi(denom).muli(stepSize));
            }
        }
    }

    /** Writes the step count and moments. */
    public void save(DataOutputStream out) throws IOException {
        out.writeLong(step);
        NDList all = new NDList();
        all.addAll(m);
        all.addAll(v);
        byte[] bytes = all.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Restores what {@link #save} wrote. */
    public void load(DataInputStream in) throws IOException {
        step = in.readLong();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        NDManager tmp = m.get(0).getManager().newSubManager();
        try (tmp) {
            NDList all = NDList.decode(tmp, new ByteArrayInputStream(bytes));
            if (all.size() != 2 * params.size()) {
                throw new IOException(
                        "Optimizer state holds "
                                + all.size() / 2
                                + " tensors, model has "
                                + params.size()
                                + ": the checkpoint belongs to another architecture.");
            }
            for (int i = 0; i < params.size(); i++) {
                m.get(i).set(all.get(i).toByteBuffer());
                v.get(i).set(all.get(params.size() + i).toByteBuffer());
            }
        }
    }
}
