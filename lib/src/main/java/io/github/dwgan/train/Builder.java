package io.github.dwgan.train;

import io.github.dwgan.loss.AdversarialLoss;
import io.github.dwgan.model.Architecture;
import java.util.List;

/**
 * Changes some settings of a {@link TrainConfig} and builds a new one; every setter is named after
 * the setting it changes.
 */
public final class Builder {
    private String preset;
    private Architecture architecture;
    private String dataset;
    private String dataDir;
    private List<String> domains;
    private int imageSize;
    private int gWidth;
    private int gResBlocks;
    private int dWidth;
    private int dRepeat;
    private int iterations;
    private int batchSize;
    private int nCritic;
    private double gLr;
    private double dLr;
    private double beta1;
    private double beta2;
    private int decayIterations;
    private AdversarialLoss adversarialLoss;
    private double lambdaCls;
    private double lambdaRec;
    private double lambdaGp;
    private int logEvery;
    private int sampleEvery;
    private int checkpointEvery;
    private int keepCheckpoints;
    private int sampleCount;
    private int fidEvery;
    private int fidSamples;
    private long seed;
    private String device;
    private int threads;
    private String outputDir;
    private boolean progressBar;

    Builder(TrainConfig c) {
        preset = c.preset();
        architecture = c.architecture();
        dataset = c.dataset();
        dataDir = c.dataDir();
        domains = c.domains();
        imageSize = c.imageSize();
        gWidth = c.gWidth();
        gResBlocks = c.gResBlocks();
        dWidth = c.dWidth();
        dRepeat = c.dRepeat();
        iterations = c.iterations();
        batchSize = c.batchSize();
        nCritic = c.nCritic();
        gLr = c.gLr();
        dLr = c.dLr();
        beta1 = c.beta1();
        beta2 = c.beta2();
        decayIterations = c.decayIterations();
        adversarialLoss = c.adversarialLoss();
        lambdaCls = c.lambdaCls();
        lambdaRec = c.lambdaRec();
        lambdaGp = c.lambdaGp();
        logEvery = c.logEvery();
        sampleEvery = c.sampleEvery();
        checkpointEvery = c.checkpointEvery();
        keepCheckpoints = c.keepCheckpoints();
        sampleCount = c.sampleCount();
        fidEvery = c.fidEvery();
        fidSamples = c.fidSamples();
        seed = c.seed();
        device = c.device();
        threads = c.threads();
        outputDir = c.outputDir();
        progressBar = c.progressBar();
    }

    /** Sets {@code preset}; see {@link TrainConfig}. */
    public Builder preset(String value) {
        preset = value;
        return this;
    }

    /** Sets {@code architecture}; see {@link TrainConfig}. */
    public Builder architecture(Architecture value) {
        architecture = value;
        return this;
    }

    /** Sets {@code dataset}; see {@link TrainConfig}. */
    public Builder dataset(String value) {
        dataset = value;
        return this;
    }

    /** Sets {@code dataDir}; see {@link TrainConfig}. */
    public Builder dataDir(String value) {
        dataDir = value;
        return this;
    }

    /** Sets {@code domains}; see {@link TrainConfig}. */
    public Builder domains(List<String> value) {
        domains = value;
        return this;
    }

    /** Sets {@code imageSize}; see {@link TrainConfig}. */
    public Builder imageSize(int value) {
        imageSize = value;
        return this;
    }

    /** Sets {@code gWidth}; see {@link TrainConfig}. */
    public Builder gWidth(int value) {
        gWidth = value;
        return this;
    }

    /** Sets {@code gResBlocks}; see {@link TrainConfig}. */
    public Builder gResBlocks(int value) {
        gResBlocks = value;
        return this;
    }

    /** Sets {@code dWidth}; see {@link TrainConfig}. */
    public Builder dWidth(int value) {
        dWidth = value;
        return this;
    }

    /** Sets {@code dRepeat}; see {@link TrainConfig}. */
    public Builder dRepeat(int value) {
        dRepeat = value;
        return this;
    }

    /** Sets {@code iterations}; see {@link TrainConfig}. */
    public Builder iterations(int value) {
        iterations = value;
        return this;
    }

    /** Sets {@code batchSize}; see {@link TrainConfig}. */
    public Builder batchSize(int value) {
        batchSize = value;
        return this;
    }

    /** Sets {@code nCritic}; see {@link TrainConfig}. */
    public Builder nCritic(int value) {
        nCritic = value;
        return this;
    }

    /** Sets {@code gLr}; see {@link TrainConfig}. */
    public Builder gLr(double value) {
        gLr = value;
        return this;
    }

    /** Sets {@code dLr}; see {@link TrainConfig}. */
    public Builder dLr(double value) {
        dLr = value;
        return this;
    }

    /** Sets {@code beta1}; see {@link TrainConfig}. */
    public Builder beta1(double value) {
        beta1 = value;
        return this;
    }

    /** Sets {@code beta2}; see {@link TrainConfig}. */
    public Builder beta2(double value) {
        beta2 = value;
        return this;
    }

    /** Sets {@code decayIterations}; see {@link TrainConfig}. */
    public Builder decayIterations(int value) {
        decayIterations = value;
        return this;
    }

    /** Sets {@code adversarialLoss}; see {@link TrainConfig}. */
    public Builder adversarialLoss(AdversarialLoss value) {
        adversarialLoss = value;
        return this;
    }

    /** Sets {@code lambdaCls}; see {@link TrainConfig}. */
    public Builder lambdaCls(double value) {
        lambdaCls = value;
        return this;
    }

    /** Sets {@code lambdaRec}; see {@link TrainConfig}. */
    public Builder lambdaRec(double value) {
        lambdaRec = value;
        return this;
    }

    /** Sets {@code lambdaGp}; see {@link TrainConfig}. */
    public Builder lambdaGp(double value) {
        lambdaGp = value;
        return this;
    }

    /** Sets {@code logEvery}; see {@link TrainConfig}. */
    public Builder logEvery(int value) {
        logEvery = value;
        return this;
    }

    /** Sets {@code sampleEvery}; see {@link TrainConfig}. */
    public Builder sampleEvery(int value) {
        sampleEvery = value;
        return this;
    }

    /** Sets {@code checkpointEvery}; see {@link TrainConfig}. */
    public Builder checkpointEvery(int value) {
        checkpointEvery = value;
        return this;
    }

    /** Sets {@code keepCheckpoints}; see {@link TrainConfig}. */
    public Builder keepCheckpoints(int value) {
        keepCheckpoints = value;
        return this;
    }

    /** Sets {@code sampleCount}; see {@link TrainConfig}. */
    public Builder sampleCount(int value) {
        sampleCount = value;
        return this;
    }

    /** Sets {@code fidEvery}; see {@link TrainConfig}. */
    public Builder fidEvery(int value) {
        fidEvery = value;
        return this;
    }

    /** Sets {@code fidSamples}; see {@link TrainConfig}. */
    public Builder fidSamples(int value) {
        fidSamples = value;
        return this;
    }

    /** Sets {@code seed}; see {@link TrainConfig}. */
    public Builder seed(long value) {
        seed = value;
        return this;
    }

    /** Sets {@code device}; see {@link TrainConfig}. */
    public Builder device(String value) {
        device = value;
        return this;
    }

    /** Sets {@code threads}; see {@link TrainConfig}. */
    public Builder threads(int value) {
        threads = value;
        return this;
    }

    /** Sets {@code outputDir}; see {@link TrainConfig}. */
    public Builder outputDir(String value) {
        outputDir = value;
        return this;
    }

    /** Sets {@code progressBar}; see {@link TrainConfig}. */
    public Builder progressBar(boolean value) {
        progressBar = value;
        return this;
    }

    /** Builds the config, checking every setting. */
    public TrainConfig build() {
        return new TrainConfig(
                preset,
                architecture,
                dataset,
                dataDir,
                domains,
                imageSize,
                gWidth,
                gResBlocks,
                dWidth,
                dRepeat,
                iterations,
                batchSize,
                nCritic,
                gLr,
                dLr,
                beta1,
                beta2,
                decayIterations,
                adversarialLoss,
                lambdaCls,
                lambdaRec,
                lambdaGp,
                logEvery,
                sampleEvery,
                checkpointEvery,
                keepCheckpoints,
                sampleCount,
                fidEvery,
                fidSamples,
                seed,
                device,
                threads,
                outputDir,
                progressBar);
    }
}
