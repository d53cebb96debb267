package io.github.dwgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
 * linear decay. Call inside an {@code NDScope} so that temporaries are freed.
 */
public final class Adam {
    private final List<Parameter> params = new ArrayList<>();
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final NDManager state;
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
        this.state = state;
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            params.add(p.getValue());
            m.add(state.zeros(a.getShape(), a.getDataType(), a.getDevice()));
            v.add(state.zeros(a.getShape(), a.getDataType(), a.getDevice()));
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
        // Note: in-place updates of parameters that require gradients need grad mode off, which is
        // libtorch's per-thread state: DJL turns it off only on the thread that loads the engine,
        // so a trainer on another thread (a notebook's worker) failed here before this guard.
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
            NDArray p = params.get(i).getArray();
            NDArray g = p.getGradient();
            m.get(i).muli(beta1).addi(g.mul(1 - beta1));
            v.get(i).muli(beta2).addi(g.square().muli(1 - beta2));
            NDArray denom = v.get(i).sqrt().muli(invSqrtBc2).addi(eps);
            p.subi(m.get(i).div(denom).muli(stepSize));
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
        // The decoded arrays replace the moments (rather than being copied into them): copying
        // through toByteBuffer() would leave the moments pointing at memory owned by arrays
        // freed afterwards.
        NDList all = NDList.decode(state, new ByteArrayInputStream(bytes));
        if (all.size() != 2 * params.size()) {
            all.close();
            throw new IOException(
                    "Optimizer state holds "
                            + all.size() / 2
                            + " tensors, model has "
                            + params.size()
                            + ": the checkpoint belongs to another architecture.");
        }
        for (int i = 0; i < params.size(); i++) {
            m.set(i, all.get(i)).close();
            v.set(i, all.get(params.size() + i)).close();
        }
    }
}
