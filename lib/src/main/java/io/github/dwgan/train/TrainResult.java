package io.github.dwgan.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * Summarises a finished or stopped run.
 *
 * @param runDir the run folder
 * @param iterations iterations completed (1-based count)
 * @param stoppedEarly whether a stop was requested before the planned end
 * @param lastLosses the latest value of every loss
 * @param secondsPerIteration mean wall time per iteration in this session
 * @param lastCheckpoint the newest checkpoint folder
 */
public record TrainResult(
        Path runDir,
        int iterations,
        boolean stoppedEarly,
        Map<String, Double> lastLosses,
        double secondsPerIteration,
        Path lastCheckpoint) {}
