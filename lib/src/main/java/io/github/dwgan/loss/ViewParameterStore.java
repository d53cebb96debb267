package io.github.dwgan.loss;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * Hands blocks a differentiable view of each parameter instead of the parameter itself.
 *
 * <p>Used for the forward pass whose input gradient the gradient penalty takes: while the
 * parameters (the leaves) stop requiring gradients, the inner backward pass accumulates nothing
 * into them, yet the views, created while they did require gradients, keep the penalty's graph
 * linked to them. Views share the parameters' memory, so this costs no copy.
 */
public final class ViewParameterStore extends ParameterStore {
    private final NDManager manager;

    /**
     * Creates the store.
     *
     * @param manager the step's manager, which owns the views
     */
    public ViewParameterStore(NDManager manager) {
        super(manager, false);
        this.manager = manager;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        NDArray leaf = parameter.getArray();
        NDArray view = leaf.reshape(leaf.getShape());
        view.attach(manager);
        return view;
    }
}
