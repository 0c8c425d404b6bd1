package org.nxhl.bridge.sandbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** HighLevel's date format (ISO-8601, UTC, milliseconds) and lenient parsing of inputs. */
final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern FRACTION = Pattern.compile("T\\d{2}:\\d{2}:\\d{2}[.,]\\d+");

    private Timestamps() {
    }

    static String format(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }

    /** An ISO-8601 date-time with offset, or null when the text is not one. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean hasFraction(String text) {
        return FRACTION.matcher(text).find();
    }
}
