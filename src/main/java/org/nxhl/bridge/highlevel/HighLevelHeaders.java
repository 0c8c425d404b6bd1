package org.nxhl.bridge.highlevel;

/** Headers a HighLevel action sets for {@link HighLevelClient}; the client removes them after the call. */
public final class HighLevelHeaders {

    public static final String METHOD = "HighLevelMethod";
    public static final String PATH = "HighLevelPath";
    public static final String QUERY = "HighLevelQuery";
    /** Names a step that must happen once per event (creating a note, say); a retry reuses its result. */
    public static final String ONCE = "HighLevelOnce";
    /**
     * Text that only the effect of a once-step carries (a note saying "Networx lead 123", say). On a
     * retry that finds no recorded result, the collection the step posts to is listed first, and an item
     * carrying the marker counts as the step already done: a crash or a lost answer made it, not us twice.
     */
    public static final String ONCE_MARKER = "HighLevelOnceMarker";
    /** With a marker: list first even on an event's first attempt, as when another event may have made it. */
    public static final String MARKER_FIRST = "HighLevelMarkerFirst";
    public static final String STATUS = "HighLevelStatus";

    private HighLevelHeaders() {
    }
}
