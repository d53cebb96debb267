package io.github.dwgan.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.engine.Engines;
import io.github.dwgan.engine.NativeArrays;
import io.github.dwgan.model.Discriminator;
import io.github.dwgan.model.Generator;
import io.github.dwgan.model.ModelConfig;
import io.github.dwgan.model.Models;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a generator and a discriminator with StarGAN's schedule (DepthwiseGANs algorithm 1): every
 * iteration updates D, every {@code nCritic}-th also G; Adam with linear learning-rate decay over
 * the last iterations. Every {@code logEvery} iterations it logs the losses and appends them to
 * {@code metrics.csv}; every {@code sampleEvery} it writes a sample grid of a fixed batch; every
 * {@code checkpointEvery} an atomic checkpoint. A run resumes exactly from its latest checkpoint. A
 * NaN or infinite loss stops the run before any weight changes, leaving the last good checkpoint as
 * it was.
 */
public final class Trainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainConfig cfg;
    private final DomainDataset data;
    private final NDManager manager;
    private final Device device;
    private final Generator g;
    private final Discriminator d;
    private final Adam adamG;
    private final Adam adamD;
    private final GanStep step;
    private final BatchSampler sampler;
    private final Checkpoints checkpoints;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private PeriodicEvaluator evaluator;
    private volatile boolean stopRequested;
    private int done;

    /**
     * Builds the models and optimisers; resumes from the run folder's latest checkpoint when {@code
     * resume} is set and one exists.
     *
     * @param cfg the run's settings
     * @param data the training images
     * @param resume whether to continue from the latest checkpoint
     * @throws IOException when a checkpoint cannot be read
     */
    public Trainer(TrainConfig cfg, DomainDataset data, boolean resume) throws IOException {
        Engines.configure(cfg.threads());
        if (data.imageSize() != cfg.imageSize()) {
            throw new IllegalArgumentException(
                    "Dataset images are "
                            + data.imageSize()
                            + " px but the config asks for "
                            + cfg.imageSize()
                            + ": "
                            + data.describe());
        }
        this.cfg = cfg;
        this.data = data;
        this.device = Engines.device(cfg.device());
        this.manager = NDManager.newBaseManager(device);
        ModelConfig mc = cfg.model(data.channels(), data.labels().size());
        this.g = new Generator(mc);
        this.d = new Discriminator(mc);
        Models.initialize(g, manager, cfg.seed());
        Models.initialize(d, manager, cfg.seed() + 1);
        this.adamG = new Adam(g, manager, (float) cfg.beta1(), (float) cfg.beta2());
        this.adamD = new Adam(d, manager, (float) cfg.beta1(), (float) cfg.beta2());
        this.step = new GanStep(g, d, cfg, data.labels().kind());
        this.sampler = new BatchSampler(data, cfg.batchSize(), cfg.seed());
        this.checkpoints =
                new Checkpoints(cfg.runDir().resolve("checkpoints"), cfg.keepCheckpoints());
        if (resume) {
            var latest = checkpoints.latest();
            if (latest.isPresent()) {
                load(latest.get());
            }
        }
    }

    /** Adds a progress listener. */
    public void addListener(TrainingListener l) {
        listeners.add(l);
    }

    /**
     * Sets the evaluator called every {@code fidEvery} iterations (and at the end); the trainer
     * does not close it.
     */
    public void setEvaluator(PeriodicEvaluator e) {
        evaluator = e;
    }

    /** Asks the run to stop after the current iteration, with a checkpoint. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Returns the number of completed iterations. */
    public int iterationsDone() {
        return done;
    }

    /** Returns the generator. */
    public Generator generator() {
        return g;
    }

    /** Returns the discriminator. */
    public Discriminator discriminator() {
        return d;
    }

    /** Returns the device. */
    public Device device() {
        return device;
    }

    /**
     * Runs until the configured number of iterations, a stop request or a thread interrupt.
     *
     * @return the summary
     * @throws IOException when results cannot be written
     * @throws TrainingDivergedException when a loss becomes NaN or infinite
     */
    public TrainResult run() throws IOException {
        Path runDir = cfg.runDir();
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("config.json"), cfg.toJson());
        String event = done == 0 ? "start" : "resume at " + done;
        Provenance.write(
                Provenance.of(cfg, device, event),
                runDir.resolve(
                        done == 0 ? "provenance.json" : "provenance-resume-" + done + ".json"));
        LOG.info(
                "{} {} on {}: {} for {} iterations, data {}",
                event,
                cfg.architecture().paperName(),
                device,
                runDir,
                cfg.iterations(),
                data.describe());
        Map<String, Double> last = new LinkedHashMap<>();
        Path lastCheckpoint = checkpoints.latest().orElse(null);
        int start = done;
        long t0 = System.nanoTime();
        boolean early = false;
        try (MetricsLog metrics = new MetricsLog(runDir.resolve("metrics.csv"), done);
                ProgressBar bar = progressBar(start)) {
            while (done < cfg.iterations()) {
                if (stopRequested || Thread.currentThread().isInterrupted()) {
                    early = true;
                    break;
                }
                last.putAll(iterate(done));
                done++;
                if (bar != null) {
                    bar.stepTo(done);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                if (done % cfg.logEvery() == 0 || done == cfg.iterations()) {
                    log(metrics, last, secs);
                }
                if (done % cfg.sampleEvery() == 0 || done == cfg.iterations()) {
                    writeSamples();
                }
                if (evaluator != null
                        && cfg.fidEvery() > 0
                        && (done % cfg.fidEvery() == 0 || done == cfg.iterations())) {
                    t0 += evaluate(metrics, secs);
                }
                if (done % cfg.checkpointEvery() == 0 || done == cfg.iterations()) {
                    lastCheckpoint = save();
                }
            }
            if (early && done > start) {
                lastCheckpoint = save();
                LOG.info("Stopped at iteration {}; checkpoint {}", done, lastCheckpoint);
            }
        }
        double spi = done > start ? (System.nanoTime() - t0) / 1e9 / (done - start) : 0;
        return new TrainResult(runDir, done, early, Map.copyOf(last), spi, lastCheckpoint);
    }

    private Map<String, Double> iterate(int i) {
        BatchSampler.HostBatch hb = sampler.batch(i);
        Random rng = sampler.random(i, 3);
        int n = hb.size();
        int dd = data.labels().size();
        Shape imgShape = new Shape(n, data.channels(), data.imageSize(), data.imageSize());
        float[] alphaValues = new float[n];
        for (int k = 0; k < n; k++) {
            alphaValues[k] = rng.nextFloat();
        }
        Map<String, Double> losses = new LinkedHashMap<>();
        try (NDScope scope = new NDScope();
                NDManager m = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray real = NativeArrays.copyOf(m, hb.pixels(), imgShape);
            NDArray labels = NativeArrays.copyOf(m, hb.labels(), new Shape(n, dd));
            NDArray targets = NativeArrays.copyOf(m, hb.targets(), new Shape(n, dd));
            NDArray alpha = NativeArrays.copyOf(m, alphaValues, new Shape(n, 1, 1, 1));
            try {
                losses.putAll(step.discriminator(m, real, labels, targets, alpha));
                adamD.update((float) cfg.learningRate(cfg.dLr(), i));
                if ((i + 1) % cfg.nCritic() == 0) {
                    losses.putAll(step.generator(m, real, labels, targets));
                    adamG.update((float) cfg.learningRate(cfg.gLr(), i));
                }
            } catch (GanStep.NonFiniteLossException e) {
                throw new TrainingDivergedException(
                        "Iteration "
                                + (i + 1)
                                + ": "
                                + e.getMessage()
                                + ". The weights were not updated; the last good checkpoint"
                                + " is untouched in "
                                + cfg.runDir().resolve("checkpoints")
                                + ". Lower the learning rates or check the data, then resume.",
                        i + 1);
            }
        }
        losses.put("G/lr", cfg.learningRate(cfg.gLr(), i));
        losses.put("D/lr", cfg.learningRate(cfg.dLr(), i));
        return losses;
    }

    private void log(MetricsLog metrics, Map<String, Double> last, double secs) throws IOException {
        StringBuilder line = new StringBuilder();
        for (var e : last.entrySet()) {
            line.append(String.format(java.util.Locale.ROOT, " %s %.4f", e.getKey(), e.getValue()));
        }
        LOG.info("[{}/{}] {}s{}", done, cfg.iterations(), String.format("%.1f", secs), line);
        metrics.append(done, secs, last);
        for (TrainingListener l : listeners) {
            l.onLog(done, Map.copyOf(last));
        }
    }

    /** Runs the evaluator, logs its values and returns the nanoseconds it took. */
    private long evaluate(MetricsLog metrics, double secs) throws IOException {
        long e0 = System.nanoTime();
        Map<String, Double> values = new LinkedHashMap<>(evaluator.evaluate(g, manager, done));
        long took = System.nanoTime() - e0;
        values.put("eval/seconds", took / 1e9);
        LOG.info("[{}/{}] evaluation {}", done, cfg.iterations(), values);
        metrics.append(done, secs, values);
        for (TrainingListener l : listeners) {
            l.onEvaluation(done, Map.copyOf(values));
        }
        return took;
    }

    private void writeSamples() throws IOException {
        Path png = cfg.runDir().resolve("samples").resolve(String.format("%07d.png", done));
        Samples.write(g, data, cfg.sampleCount(), manager, png);
        for (TrainingListener l : listeners) {
            l.onSamples(done, png);
        }
    }

    private ProgressBar progressBar(int start) {
        if (!cfg.progressBar()) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName(cfg.architecture().paperName())
                .setInitialMax(cfg.iterations())
                .startsFrom(start, java.time.Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000)
                .build();
    }

    /** Writes a checkpoint of G, D and both optimisers at the current iteration. */
    public Path save() throws IOException {
        List<Map.Entry<String, Checkpoints.Part>> parts = new ArrayList<>();
        parts.add(Map.entry("G.params", f -> withOut(f, out -> g.saveParameters(out))));
        parts.add(Map.entry("D.params", f -> withOut(f, out -> d.saveParameters(out))));
        parts.add(Map.entry("G.adam", f -> withOut(f, adamG::save)));
        parts.add(Map.entry("D.adam", f -> withOut(f, adamD::save)));
        parts.add(Map.entry("config.json", f -> Files.writeString(f, cfg.toJson())));
        return checkpoints.write(done, parts);
    }

    /** Restores G, D, both optimisers and the iteration count from a checkpoint folder. */
    public void load(Path checkpoint) throws IOException {
        withIn(checkpoint.resolve("G.params"), in -> g.loadParameters(manager, in));
        withIn(checkpoint.resolve("D.params"), in -> d.loadParameters(manager, in));
        g.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
        d.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
        withIn(checkpoint.resolve("G.adam"), adamG::load);
        withIn(checkpoint.resolve("D.adam"), adamD::load);
        done = Checkpoints.iterationOf(checkpoint);
        LOG.info("Resumed from {} (iteration {})", checkpoint, done);
    }

    private interface OutBody {
        void write(DataOutputStream out) throws IOException;
    }

    private interface InBody {
        void read(DataInputStream in) throws IOException, ai.djl.MalformedModelException;
    }

    private static void withOut(Path f, OutBody body) throws IOException {
        try (OutputStream os = Files.newOutputStream(f);
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os))) {
            body.write(out);
        }
    }

    private static void withIn(Path f, InBody body) throws IOException {
        try (InputStream is = Files.newInputStream(f);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(is))) {
            body.read(in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException(
                    "Cannot read "
                            + f
                            + ": "
                            + e.getMessage()
                            + ". The checkpoint belongs to another architecture or size.",
                    e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
