package org.biasflow.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Measures checkpoints of a trajectory against what theory predicts (margins, max-margin references, regime
 * diagnostics).
 *
 * <p>Publish as a service with {@link ServiceProperties#KIND} = {@value ServiceProperties#ANALYZER}. Work that
 * depends only on the data and the run's settings (such as solving a max-margin problem) belongs in
 * {@link #prepare}, which runs once per trajectory. The run engine calls it on a thread of its own while the flow
 * starts, and calls the measure it returns on the flow's thread, one checkpoint after the other, once prepare has
 * returned: the two never overlap within a trajectory, but trajectories of a sweep prepare and measure at once. A
 * run cancelled while prepare runs no longer waits for it, and interrupts its thread: a long prepare should look at
 * the interrupt now and then and give up, since its result is dropped.
 */
@ConsumerType
public interface Analyzer {

    /** Returns the measure for checkpoints of one trajectory. */
    CheckpointMeasure prepare(AnalysisContext context);
}
