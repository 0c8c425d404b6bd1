package org.nxhl.bridge.highlevel;

/**
 * What the bridge does with its tokens when HighLevel reports the app installed or uninstalled. The OAuth
 * part of the bridge binds an implementation in the registry; without one these events are only recorded.
 */
public interface AppInstalls {

    /** The app was installed; for a location under a company whose token the bridge holds, mint its token. */
    void installed(String companyId, String locationId) throws Exception;

    /** The app was uninstalled from a location (or, with no location, from the company): drop its tokens. */
    void uninstalled(String companyId, String locationId) throws Exception;
}
