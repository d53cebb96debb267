package io.github.dwgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.util.Pair;
import io.github.dwgan.engine.NativeArrays;
import io.github.dwgan.engine.TorchScripts;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Updates parameters with Adam as PyTorch's {@code torch.optim.Adam(fused=True)} (no weight decay,
 * no amsgrad): m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr / (1 - b1^t) * m / (sqrt(v)
 * / sqrt(1 - b2^t) + eps).
 *
 * <p>Written here rather than taken from DJL because its state (moments and step) must be saved in
 * checkpoints for exact resumption, and its learning rate is set per iteration by the trainer's
 * linear decay.
 *
 * <p>The update runs libtorch's fused Adam kernel ({@code torch._fused_adam_}, through a weightless
 * TorchScript module, {@code fused_adam.pt}): one pass over each parameter, its gradient and its
 * two moments. DJL has no fused or in-place multiply-add ops, so the same formula in DJL ops makes
 * about fifteen passes over memory; for StarGAN's 44.8M discriminator parameters on two cores that
 * took 0.20 s against 0.04 s fused, and PyTorch 1.13's default (unfused) Adam 0.09-0.11 s in the
 * same probe (in the benchmark, on a quiet machine: 0.01-0.03 s against PyTorch's 0.04-0.08 s;
 * docs/bench.md). Deviation from StarGAN, whose PyTorch has no fused CPU kernel: the fused kernel
 * rounds differently from the per-operation formula, by float rounding only (AdamTest, and the
 * two-iteration parity with {@code torch.optim.Adam} in TrainingStepParityTest).
 */
public final class Adam {
    private static final String RESOURCE = "fused_adam.pt";
    private static PtSymbolBlock kernel;

    private final List<Parameter> params = new ArrayList<>();
    private final List<PtNDArray> m = new ArrayList<>();
    private final List<PtNDArray> v = new ArrayList<>();
    private final NDManager state;
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
        this.state = state;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = 1e-8f;
        for (Pair<String, Parameter> p : block.getParameters()) {
            params.add(p.getValue());
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException("The block has no parameters to optimise.");
        }
        NDArray first = params.get(0).getArray();
        for (Parameter p : params) {
            NDArray a = p.getArray();
            if (a.getDataType() != first.getDataType()
                    || !a.getDevice().equals(first.getDevice())) {
                throw new IllegalArgumentException(
                        "Parameter " + p.getName() + " differs in type or device from the first.");
            }
            m.add((PtNDArray) state.zeros(a.getShape(), a.getDataType(), a.getDevice()));
            v.add((PtNDArray) state.zeros(a.getShape(), a.getDataType(), a.getDevice()));
        }
    }

    /** Returns the number of updates done. */
    public long step() {
        return step;
    }

    /**
     * Applies one update with the given learning rate, reading each parameter's gradient.
     *
     * <p>The kernel runs under libtorch's no-grad guard on the calling thread, so a trainer on any
     * thread (a notebook's worker) may update parameters that require gradients in place.
     *
     * @param lr the learning rate for this step
     */
    public void update(float lr) {
        step++;
        int n = params.size();
        PtNDArray[] ps = new PtNDArray[n];
        PtNDArray[] gs = new PtNDArray[n];
        PtNDArray[] steps = new PtNDArray[n];
        try (NDManager tmp = state.newSubManager()) {
            // The kernel reads each parameter's step count from a float tensor, as PyTorch keeps
            // it.
            NDArray t = NativeArrays.scalar(params.get(0).getArray(), step);
            t.attach(tmp);
            for (int i = 0; i < n; i++) {
                ps[i] = (PtNDArray) params.get(i).getArray();
                gs[i] = (PtNDArray) ps[i].getGradient();
                gs[i].attach(tmp);
                steps[i] = (PtNDArray) t;
            }
            IValue[] args = {
                IValue.listFrom(ps),
                IValue.listFrom(gs),
                IValue.listFrom(m.toArray(PtNDArray[]::new)),
                IValue.listFrom(v.toArray(PtNDArray[]::new)),
                IValue.listFrom(steps),
                IValue.from((double) lr),
                IValue.from((double) beta1),
                IValue.from((double) beta2),
                IValue.from((double) eps)
            };
            try {
                IValueUtils.runMethod(kernel(), "forward", args).close();
            } finally {
                for (IValue a : args) {
                    a.close();
                }
            }
        }
    }

    private static synchronized PtSymbolBlock kernel() {
        if (kernel == null) {
            kernel = TorchScripts.load(Adam.class, RESOURCE);
        }
        return kernel;
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
                // A copy, not an alias: the decoded arrays close with tmp.
                copyInto(m.get(i), all.get(i));
                copyInto(v.get(i), all.get(params.size() + i));
            }
        }
    }

    private static void copyInto(NDArray target, NDArray source) throws IOException {
        if (!target.getShape().equals(source.getShape())) {
            throw new IOException(
                    "Optimizer state of shape "
                            + source.getShape()
                            + " does not fit a parameter of shape "
                            + target.getShape()
                            + ": the checkpoint belongs to another architecture.");
        }
        target.set(new NDIndex(":"), source);
    }
}
