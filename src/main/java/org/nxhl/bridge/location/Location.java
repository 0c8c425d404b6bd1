package org.nxhl.bridge.location;

import java.util.Optional;

/**
 * One HighLevel location the bridge serves, with the secret key in its Networx webhook URL and,
 * where set, its Private Integration Token and the Networx account whose leads it receives.
 */
public record Location(String id, String intakeKey, Optional<String> privateToken,
                       Optional<NetworxAccount> networx) {

    /** The Basic credentials of a Networx user, who can hold one webhook subscription. */
    public record NetworxAccount(String username, String password) {

        @Override
        public String toString() {
            return "NetworxAccount[" + username + "]";
        }
    }

    @Override
    public String toString() {
        return "Location[" + id + "]";
    }
}
