package org.nxhl.bridge.highlevel;

/** Headers a HighLevel action sets for {@link HighLevelClient}; the client removes them after the call. */
public final class HighLevelHeaders {

    public static final String METHOD = "HighLevelMethod";
    public static final String PATH = "HighLevelPath";
    public static final String QUERY = "HighLevelQuery";
    /** Names a step that must happen once per event (creating a note, say); a retry reuses its result. */
    public static final String ONCE = "HighLevelOnce";
    public static final String STATUS = "HighLevelStatus";

    private HighLevelHeaders() {
    }
}
