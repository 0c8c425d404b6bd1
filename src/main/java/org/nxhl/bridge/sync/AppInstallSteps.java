package org.nxhl.bridge.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.nxhl.bridge.highlevel.AppInstalls;
import org.nxhl.bridge.store.ReconcileCheckpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INSTALL and UNINSTALL: the location's reconciliation is resumed or suspended here, and the tokens are
 * left to the {@link AppInstalls} bound in the registry. Without one, the event is only recorded.
 */
public class AppInstallSteps {

    private static final Logger LOG = LoggerFactory.getLogger(AppInstallSteps.class);

    private final CamelContext camel;
    private final ReconcileCheckpoints checkpoints;
    private final ObjectMapper json;

    public AppInstallSteps(CamelContext camel, ReconcileCheckpoints checkpoints, ObjectMapper json) {
        this.camel = camel;
        this.checkpoints = checkpoints;
        this.json = json;
    }

    public void install(Exchange exchange) throws Exception {
        JsonNode event = Events.parse(json, exchange.getMessage().getBody(String.class));
        String companyId = Events.text(event, "companyId");
        String locationId = Events.text(event, "locationId");
        if (locationId != null) {
            checkpoints.suspend(locationId, false);
            startRoute(Reconciler.routeId(locationId));
        }
        AppInstalls installs = installs();
        if (installs == null) {
            LOG.info("app installed for {} {}: recorded; no OAuth token store is bound to mint a token",
                    locationId == null ? "company" : "location", locationId == null ? companyId : locationId);
            exchange.setProperty("outcome", "recorded; no OAuth token store bound");
            return;
        }
        installs.installed(companyId, locationId);
        exchange.setProperty("outcome", "installed; tokens handed to the OAuth token store");
    }

    public void uninstall(Exchange exchange) throws Exception {
        JsonNode event = Events.parse(json, exchange.getMessage().getBody(String.class));
        String companyId = Events.text(event, "companyId");
        String locationId = Events.text(event, "locationId");
        if (locationId != null) {
            checkpoints.suspend(locationId, true);
            String route = Reconciler.routeId(locationId);
            if (camel.getRoute(route) != null) {
                camel.getRouteController().stopRoute(route);
            }
        }
        AppInstalls installs = installs();
        if (installs == null) {
            LOG.info("app uninstalled from {} {}: reconciliation suspended; no OAuth token store is bound",
                    locationId == null ? "company" : "location", locationId == null ? companyId : locationId);
            exchange.setProperty("outcome", "recorded; reconciliation suspended; no OAuth token store bound");
            return;
        }
        installs.uninstalled(companyId, locationId);
        exchange.setProperty("outcome", "uninstalled; reconciliation suspended, tokens removed");
    }

    private void startRoute(String route) throws Exception {
        if (camel.getRoute(route) != null && !camel.getRouteController().getRouteStatus(route).isStarted()) {
            camel.getRouteController().startRoute(route);
        }
    }

    private AppInstalls installs() {
        return camel.getRegistry().findSingleByType(AppInstalls.class);
    }
}
