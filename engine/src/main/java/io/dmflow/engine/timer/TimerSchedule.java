package io.dmflow.engine.timer;

import io.dmflow.engine.feel.ExpressionFailure;
import io.dmflow.engine.model.TimerDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/** When a timer is due, from its ISO-8601 definition: date, duration, or repeating cycle. */
public record TimerSchedule(long dueDate, int repetitions, String interval) {

    public static TimerSchedule of(TimerDefinition.Kind kind, String value, long now) {
        String text = value.trim();
        try {
            return switch (kind) {
                case DATE -> new TimerSchedule(parseDate(text), 1, null);
                case DURATION -> new TimerSchedule(plus(now, text), 1, null);
                case CYCLE -> cycle(text, now);
            };
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ExpressionFailure(
                    "Invalid timer " + kind.name().toLowerCase() + " '" + text + "': " + e.getMessage());
        }
    }

    /** The next firing of a cycle, after one firing at {@code firedAt}. */
    public static long next(String interval, long firedAt) {
        return plus(firedAt, interval);
    }

    private static TimerSchedule cycle(String text, long now) {
        if (!text.startsWith("R")) {
            throw new ExpressionFailure("Invalid timer cycle '" + text
                    + "': only ISO-8601 repeating intervals (R[n]/[start/]duration) are supported");
        }
        String[] parts = text.split("/");
        String count = parts[0].substring(1);
        int repetitions = count.isEmpty() ? -1 : Integer.parseInt(count);
        if (parts.length == 2) {
            return new TimerSchedule(plus(now, parts[1]), repetitions, parts[1]);
        }
        if (parts.length == 3) {
            return new TimerSchedule(parseDate(parts[1]), repetitions, parts[2]);
        }
        throw new ExpressionFailure("Invalid timer cycle '" + text + "'");
    }

    static long parseDate(String text) {
        try {
            return ZonedDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                return Instant.parse(text).toEpochMilli();
            }
        }
    }

    /** ISO durations with a calendar part (P1M, P1Y, P1W) as well as P1DT2H30M. */
    static long plus(long from, String duration) {
        String text = duration.trim();
        boolean negative = text.startsWith("-");
        if (negative) text = text.substring(1);
        int t = text.indexOf('T');
        String datePart = t < 0 ? text : text.substring(0, t);
        String timePart = t < 0 ? null : "P" + text.substring(t);
        ZonedDateTime at = Instant.ofEpochMilli(from).atZone(ZoneId.of("UTC"));
        if (!datePart.equals("P")) {
            Period period = Period.parse(datePart);
            at = negative ? at.minus(period) : at.plus(period);
        }
        if (timePart != null) {
            Duration d = Duration.parse(timePart);
            at = negative ? at.minus(d) : at.plus(d);
        }
        return at.toInstant().toEpochMilli();
    }
}
