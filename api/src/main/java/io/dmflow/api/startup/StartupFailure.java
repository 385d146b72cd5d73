package io.dmflow.api.startup;

import io.quarkus.runtime.QuarkusBindException;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigValidationException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Turns whatever stopped dmflow from starting into one line for the operator. The reason worded for an operator
 * wins over the lower-level causes it wraps; the whole chain goes to the debug log only.
 */
public final class StartupFailure {

    private static final Logger LOG = Logger.getLogger(StartupFailure.class);
    static final String PREFIX = "dmflow cannot start: ";

    private StartupFailure() {}

    /** Prints the one line to standard error (the stack trace is logged at DEBUG level). */
    public static void report(Throwable failure) {
        System.err.println(describe(failure));
        System.err.flush();
        LOG.debug("Startup failure", failure);
    }

    public static String describe(Throwable failure) {
        return PREFIX + oneLine(reason(failure));
    }

    private static String reason(Throwable failure) {
        List<Throwable> chain = causes(failure);
        for (Throwable cause : chain) {
            if (cause instanceof CannotStart || cause instanceof ConfigurationException) {
                return cause.getMessage();
            }
            if (cause instanceof ConfigValidationException invalid) {
                List<String> problems = new ArrayList<>();
                for (int i = 0; i < invalid.getProblemCount(); i++) {
                    // A problem reads "java.lang.IllegalArgumentException: SRCFG00039: The config property ...".
                    problems.add(invalid.getProblem(i).getMessage().replaceFirst("^[\\w.$]+(Exception|Error): ", ""));
                }
                return String.join("; ", problems);
            }
            if (cause instanceof QuarkusBindException bind) {
                return "the HTTP port " + bind.getPort() + " on " + bind.getHost()
                        + " is in use by another process; set quarkus.http.port to a free one";
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        return root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getName()
                : root.getMessage() + " (" + root.getClass().getName() + ")";
    }

    private static List<Throwable> causes(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
