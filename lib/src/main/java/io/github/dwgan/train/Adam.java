package io.github.dwgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
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
 * linear decay.
 *
 * <p>The moments of all parameters live in one flat buffer each (the per-parameter arrays are views
 * into them), and the gradients are gathered into a third: the arithmetic then runs as a few large
 * operations instead of a dozen per parameter, and reuses its buffers instead of allocating fresh
 * temporaries. Each element sees the same float operations in the same order as the plain formula,
 * so the result is bit-identical (AdamTest). Note: measured on 2 shared cores, per-operation
 * overhead and page faults on fresh temporaries made the per-parameter form 1.5-3.7x slower than
 * PyTorch's Adam; see docs/bench.md.
 */
public final class Adam {
    private static final NDIndex ALL = new NDIndex(":");
    private final List<Parameter> params = new ArrayList<>();
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final List<NDArray> g = new ArrayList<>();
    private final List<NDArray> delta = new ArrayList<>();
    private final NDArray mFlat;
    private final NDArray vFlat;
    private final NDArray gFlat;
    private final NDArray sFlat;
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
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            params.add(p.getValue());
            total += p.getValue().getArray().size();
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException("The block has no parameters to optimise.");
        }
        NDArray first = params.get(0).getArray();
        Shape flat = new Shape(total);
        mFlat = state.zeros(flat, first.getDataType(), first.getDevice());
        vFlat = state.zeros(flat, first.getDataType(), first.getDevice());
        gFlat = state.zeros(flat, first.getDataType(), first.getDevice());
        sFlat = state.zeros(flat, first.getDataType(), first.getDevice());
        long offset = 0;
        for (Parameter p : params) {
            NDArray a = p.getArray();
            if (a.getDataType() != first.getDataType()
                    || !a.getDevice().equals(first.getDevice())) {
                throw new IllegalArgumentException(
                        "Parameter " + p.getName() + " differs in type or device from the first.");
            }
            NDIndex range = new NDIndex("{}:{}", offset, offset + a.size());
            m.add(mFlat.get(range).reshape(a.getShape()));
            v.add(vFlat.get(range).reshape(a.getShape()));
            g.add(gFlat.get(range).reshape(a.getShape()));
            delta.add(sFlat.get(range).reshape(a.getShape()));
            offset += a.size();
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
        // Note: in-place updates of parameters that require gradients need grad mode off, which
        // is libtorch's per-thread state: DJL turns it off only on the thread that loads the
        // engine, so a trainer on another thread (a notebook's worker) failed here without this.
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            apply(lr);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private void apply(float lr) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        for (int i = 0; i < params.size(); i++) {
            try (NDArray grad = params.get(i).getArray().getGradient()) {
                g.get(i).set(ALL, grad);
            }
        }
        // v = b2 v + (g g) (1 - b2), then m = b1 m + g (1 - b1): the plain formula's operations.
        sFlat.set(ALL, gFlat);
        vFlat.muli(beta2).addi(sFlat.muli(gFlat).muli(1 - beta2));
        mFlat.muli(beta1).addi(gFlat.muli(1 - beta1));
        try (NDArray denom = vFlat.sqrt()) {
            denom.muli(invSqrtBc2).addi(eps);
            sFlat.set(ALL, mFlat);
            sFlat.divi(denom).muli(stepSize);
        }
        for (int i = 0; i < params.size(); i++) {
            params.get(i).getArray().subi(delta.get(i));
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
                // A copy into the views, which keeps them inside the flat buffers.
                m.get(i).set(ALL, all.get(i));
                v.get(i).set(ALL, all.get(params.size() + i));
            }
        }
    }
}
