package io.github.dwgan.notebook;

import io.github.dwgan.data.DomainDataset;
import io.github.dwgan.eval.GenerationMetrics;
import io.github.dwgan.plot.Figures;
import io.github.dwgan.train.PeriodicEvaluator;
import io.github.dwgan.train.RunMetrics;
import io.github.dwgan.train.TrainConfig;
import io.github.dwgan.train.TrainResult;
import io.github.dwgan.train.Trainer;
import io.github.dwgan.train.TrainingListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;

/**
 * Runs a {@link Trainer} on a worker thread and hands its progress to the notebook cell's thread,
 * which redraws the loss chart and the latest sample grid in place.
 *
 * <p>Training runs off the cell's thread because interrupting a cell interrupts that thread: an
 * interrupted thread cannot write files through NIO channels, so a checkpoint written on it would
 * fail. Here an interrupt of {@link #awaitUpdate()} asks the trainer to stop after the current
 * iteration, waits for its checkpoint, and returns; {@code Trainer(cfg, data, true)} then resumes.
 */
public final class LiveTraining {
    private static final int FINISHED = -1;

    private final TrainConfig cfg;
    private final LossHistory history = new LossHistory();
    private final BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
    private final AtomicReference<Trainer> trainer = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread worker;
    private volatile boolean stopRequested;
    private volatile int stopAt = Integer.MAX_VALUE;
    private volatile Path latestSamples;
    private volatile TrainResult result;
    private int lastIteration;

    private LiveTraining(TrainConfig cfg, DomainDataset data, boolean resume) {
        this.cfg = cfg;
        this.worker = new Thread(() -> train(data, resume), "dwgan-train");
        worker.setDaemon(true);
    }

    /**
     * Starts training on a worker thread.
     *
     * @param cfg the run's settings
     * @param data the training images
     * @param resume whether to continue from the run folder's latest checkpoint
     * @return the running session
     */
    public static LiveTraining start(TrainConfig cfg, DomainDataset data, boolean resume) {
        LiveTraining t = new LiveTraining(cfg, data, resume);
        t.worker.start();
        return t;
    }

    /**
     * Asks the run to stop once it has logged {@code iteration}, as an interrupt would: the
     * checkpoint is written and a resumed run continues from it. Used to show resuming in headless
     * runs, where nobody presses the stop button.
     *
     * @param iteration the iteration (1-based) after which to stop
     * @return this session
     */
    public LiveTraining stopAt(int iteration) {
        stopAt = iteration;
        return this;
    }

    private void train(DomainDataset data, boolean resume) {
        try (Trainer t = new Trainer(cfg, data, resume);
                PeriodicEvaluator e = cfg.fidEvery() > 0 ? GenerationMetrics.forRun(cfg) : null) {
            t.setEvaluator(e);
            if (t.iterationsDone() > 0) {
                preload(t.iterationsDone());
            }
            t.addListener(new Listener(t));
            trainer.set(t);
            if (stopRequested) {
                t.requestStop();
            }
            result = t.run();
        } catch (Throwable e) {
            failure.set(e);
        } finally {
            events.add(FINISHED);
        }
    }

    private void preload(int through) throws IOException {
        if (!Files.isRegularFile(cfg.runDir().resolve("metrics.csv"))) {
            return;
        }
        history.addAll(RunMetrics.read(cfg.runDir()), through);
        lastIteration = through;
        try (var files = Files.list(cfg.runDir().resolve("samples"))) {
            latestSamples =
                    files.filter(f -> f.toString().endsWith(".png"))
                            .sorted()
                            .reduce((a, b) -> b)
                            .orElse(null);
        } catch (IOException e) {
            latestSamples = null;
        }
    }

    private final class Listener implements TrainingListener {
        private final Trainer t;

        Listener(Trainer t) {
            this.t = t;
        }

        @Override
        public void onLog(int iteration, Map<String, Double> losses) {
            history.add(iteration, losses);
            if (iteration >= stopAt) {
                t.requestStop();
            }
            events.add(iteration);
        }

        @Override
        public void onSamples(int iteration, Path png) {
            latestSamples = png;
            events.add(iteration);
        }
    }

    /**
     * Waits for the next logged iteration or sample grid.
     *
     * <p>On an interrupt (the notebook's stop button) it asks the trainer to stop after the current
     * iteration, waits until the checkpoint is written, and returns false.
     *
     * @return true when there is something new to draw, false when training has ended
     * @throws IllegalStateException when training failed, with the failure as its cause
     */
    public boolean awaitUpdate() {
        try {
            int e = events.take();
            while (e != FINISHED && !events.isEmpty()) {
                e = events.take();
            }
            if (e != FINISHED) {
                lastIteration = Math.max(lastIteration, e);
                return true;
            }
        } catch (InterruptedException ie) {
            stop();
            joinQuietly();
            Thread.currentThread().interrupt();
            return false;
        }
        joinQuietly();
        Throwable f = failure.get();
        if (f != null) {
            throw new IllegalStateException("Training failed: " + f.getMessage(), f);
        }
        return false;
    }

    /** Asks the trainer to stop after the current iteration, keeping a checkpoint. */
    public void stop() {
        stopRequested = true;
        Trainer t = trainer.get();
        if (t != null) {
            t.requestStop();
        }
    }

    private void joinQuietly() {
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Shows the loss chart and the latest sample grid and redraws both in place until training ends
     * or the cell is interrupted. Takes the kernel's display functions, so that it works in any
     * kernel of the IJava family: {@code live.follow(x -> display(x), (id, x) -> updateDisplay(id,
     * x))}.
     *
     * @param display shows an object and returns its display id
     * @param update replaces the object shown under a display id
     * @return the run's summary
     */
    public TrainResult follow(Function<Object, String> display, BiConsumer<String, Object> update) {
        String losses = display.apply(lossImage());
        String samples = display.apply(samplesImage());
        while (awaitUpdate()) {
            update.accept(losses, lossImage());
            update.accept(samples, samplesImage());
        }
        update.accept(losses, lossImage());
        update.accept(samples, samplesImage());
        return result();
    }

    /** Returns the losses so far as a chart image (a placeholder before the first log line). */
    public BufferedImage lossImage() {
        return history.isEmpty()
                ? Placeholder.image("waiting for iteration " + cfg.logEvery())
                : Figures.image(lossChart());
    }

    /** Returns the losses so far as a chart in the house style. */
    public XYChart lossChart() {
        return history.chart(cfg.architecture().paperName() + " losses");
    }

    /** Returns the latest sample grid (a placeholder before the first one). */
    public BufferedImage samplesImage() {
        Path p = latestSamples;
        if (p == null) {
            return Placeholder.image("waiting for iteration " + cfg.sampleEvery());
        }
        try {
            return ImageIO.read(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the file of the latest sample grid, or null before the first. */
    public Path latestSamples() {
        return latestSamples;
    }

    /** Returns the last iteration shown. */
    public int iteration() {
        return lastIteration;
    }

    /** Returns the run's summary once {@link #awaitUpdate()} has returned false. */
    public TrainResult result() {
        if (result == null) {
            throw new IllegalStateException(
                    "No result yet: call awaitUpdate() until it returns false.");
        }
        return result;
    }
}
