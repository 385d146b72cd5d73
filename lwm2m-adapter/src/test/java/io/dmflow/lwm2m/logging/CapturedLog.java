package io.dmflow.lwm2m.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;

/**
 * The log lines of one logger category as an operator would read them, captured from JBoss LogManager (where SLF4J
 * goes in the application and in these tests). Close to stop capturing.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
    }

    public static CapturedLog of(Class<?> category) {
        CapturedLog log = new CapturedLog(Logger.getLogger(category.getName()));
        log.logger.addHandler(log);
        return log;
    }

    /** Every line so far, with its level first, e.g. {@code "WARN Refused ..."}. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines that contain {@code text}. */
    public List<String> linesContaining(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        lines.add(record.getLevel() + " " + message);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
