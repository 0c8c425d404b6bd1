package org.nxhl.bridge.oauth;

/**
 * What HighLevel tells about the app's installs (its INSTALL and UNINSTALL webhooks), for the bridge to
 * act on. Bound in the registry as {@code locationInstalls}.
 */
public interface LocationInstalls {

    /** The app was installed on a location by an agency whose install the bridge holds. */
    void installed(String companyId, String locationId);

    /** The app was removed from a location: its tokens are dropped and its events wait for a new install. */
    void uninstalled(String locationId);
}
