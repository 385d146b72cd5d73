package io.dmflow.workers.job;

/**
 * A job's variables do not fit its type: a flow modelling error that no retry mends. It becomes an
 * incident whose message names the job type and the variable, so an operator can fix and retry.
 */
public final class InvalidJobInput extends RuntimeException {

    public InvalidJobInput(String jobType, String variable, String problem) {
        super(jobType + ": variable '" + variable + "' " + problem);
    }
}
