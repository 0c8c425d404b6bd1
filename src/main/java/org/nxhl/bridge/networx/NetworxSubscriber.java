package org.nxhl.bridge.networx;

import java.io.IOException;

import org.nxhl.bridge.location.Location;
import org.nxhl.bridge.location.Locations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points each configured Networx user's one webhook at its location's secret lead URL, and takes
 * the subscriptions back on request.
 */
public class NetworxSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(NetworxSubscriber.class);

    private final Locations locations;
    private final NetworxClient networx;
    private final Subscriptions subscriptions;
    private final String publicUrl;

    public NetworxSubscriber(Locations locations, NetworxClient networx, Subscriptions subscriptions,
                             String publicUrl) {
        this.locations = locations;
        this.networx = networx;
        this.subscriptions = subscriptions;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String webhookUrl(Location location) {
        return publicUrl + "/webhooks/networx/leads/" + location.intakeKey();
    }

    /**
     * Validates the credentials and subscribes the location's lead URL. Networx keeps one subscription per
     * user and offers no way to read it back, so the bridge subscribes at every start: the user's one
     * subscription then points here even if Networx lost or replaced the one the bridge held.
     */
    public void subscribeAll() throws InterruptedException {
        for (Location location : locations.all()) {
            if (location.networx().isEmpty()) {
                continue;
            }
            Location.NetworxAccount account = location.networx().get();
            String url = webhookUrl(location);
            try {
                String client = networx.validate(account);
                String id = networx.subscribe(account, url);
                subscriptions.save(new Subscriptions.Subscription(account.username(), id, url));
                // the Networx user name is often an email address, so the log names the client instead
                LOG.info("Networx client {} sends leads to location {}", client, location.id());
            } catch (IOException e) {
                LOG.error("Networx subscription for location {} failed: {}", location.id(), e.getMessage());
            }
        }
    }

    /** Removes every subscription the bridge holds; answers how many could not be removed. */
    public int unsubscribeAll() throws InterruptedException {
        int failed = 0;
        for (Location location : locations.all()) {
            if (location.networx().isEmpty()) {
                continue;
            }
            Location.NetworxAccount account = location.networx().get();
            var held = subscriptions.of(account.username());
            if (held.isEmpty()) {
                continue;
            }
            try {
                networx.unsubscribe(account, held.get().subscriptionId());
                subscriptions.forget(account.username());
                LOG.info("the Networx subscription of location {} is removed", location.id());
            } catch (IOException e) {
                LOG.error("Networx unsubscribe for location {} failed: {}", location.id(), e.getMessage());
                failed++;
            }
        }
        return failed;
    }

    /**
     * Forgets the subscriptions held, without calling Networx: for the sandbox, whose subscriptions live
     * in the bridge's own process and ended with it. Answers how many were forgotten.
     */
    public int forgetAll() {
        return subscriptions.forgetAll();
    }
}
