package org.nxhl.bridge.metrics;

import java.time.Duration;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.nxhl.bridge.Settings;
import org.nxhl.bridge.highlevel.HighLevelClient;
import org.nxhl.bridge.inbox.InboxDispatcher;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.oauth.OAuthTokens;
import org.nxhl.bridge.ratelimit.LocationRateLimiter;
import org.nxhl.bridge.store.Database;

/** Hands the bridge's meters to the parts that count, and reads the inbox's depth on a timer. */
public class MetricsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camel) throws Exception {
        Settings settings = new Settings(camel.getPropertiesComponent());
        Registry beans = camel.getRegistry();
        BridgeMetrics metrics = BridgeMetrics.of(camel);
        beans.lookupByNameAndType("inbox", InboxStore.class).useMetrics(metrics);
        OAuthTokens oauth = beans.findSingleByType(OAuthTokens.class);
        if (oauth != null) {
            oauth.useMetrics(metrics);
        }
        beans.lookupByNameAndType("dispatcher", InboxDispatcher.class).useMetrics(metrics);
        beans.lookupByNameAndType("highLevel", HighLevelClient.class).useMetrics(metrics);
        beans.lookupByNameAndType("rateLimiter", LocationRateLimiter.class).useMetrics(metrics);
        camel.addService(new InboxGauges(camel, beans.lookupByNameAndType("database", Database.class),
                metrics.registry(), settings.duration("metrics.inbox-refresh", Duration.ofSeconds(5))));
    }
}
