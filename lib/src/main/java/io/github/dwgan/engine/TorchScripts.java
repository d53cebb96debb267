package io.github.dwgan.engine;

import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads the small weightless TorchScript modules through which the library calls libtorch
 * operations that DJL 0.33's PyTorch engine does not expose ({@code torch.autograd.grad}, the fused
 * Adam kernel). They are made by {@code lib/src/main/python/make_torchscript_ops.py} and shipped as
 * class-path resources.
 */
public final class TorchScripts {
    private TorchScripts() {}

    /**
     * Loads a module from a class-path resource next to {@code owner}.
     *
     * @param owner the class whose package holds the resource
     * @param resource the file name, e.g. {@code fused_adam.pt}
     * @return the module, owned by a manager that lives as long as the engine
     * @throws IllegalStateException when the resource is missing (a broken build)
     */
    public static PtSymbolBlock load(Class<?> owner, String resource) {
        PtNDManager manager = (PtNDManager) Engines.engine().newBaseManager();
        String where = owner.getPackageName().replace('.', '/') + "/" + resource;
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Resource "
                                + where
                                + " is missing from the class path; rebuild the library"
                                + " (mvn -q -DskipTests compile)");
            }
            return JniUtils.loadModule(manager, in, false, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the TorchScript module " + where, e);
        }
    }
}
