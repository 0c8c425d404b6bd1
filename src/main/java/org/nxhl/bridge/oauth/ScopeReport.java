package org.nxhl.bridge.oauth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.ToDefinition;
import org.nxhl.bridge.highlevel.HighLevelHeaders;
import org.nxhl.bridge.highlevel.Scopes;
import org.nxhl.bridge.location.Location;
import org.nxhl.bridge.location.Locations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, says which flows cannot run for which location with the scopes it was granted. A flow
 * writes when one of its HighLevel calls (set up in the flow or in a Kamelet it uses) is a write.
 */
public class ScopeReport {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeReport.class);

    private final CamelContext camel;
    private final Locations locations;
    private final LocationTokens tokens;
    private final TokenStore store;

    public ScopeReport(CamelContext camel, Locations locations, LocationTokens tokens, TokenStore store) {
        this.camel = camel;
        this.locations = locations;
        this.tokens = tokens;
        this.store = store;
    }

    /** Logs one line per location that lacks a scope a flow needs; answers those lines. */
    public List<String> report() {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        List<String> writing = new ArrayList<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            boolean template = Boolean.TRUE.equals(route.isTemplate());
            if (!template && writes(model, route.getOutputs(), new LinkedHashSet<>())) {
                writing.add(route.getRouteId());
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        locations.all().stream().map(Location::id).forEach(ids::add);
        List<StoredToken> installs = store.all();
        installs.forEach(t -> ids.add(t.locationId()));
        List<String> lines = new ArrayList<>();
        for (String id : ids) {
            Set<String> granted = tokens.scopesFor(id);
            if (!writing.isEmpty() && !granted.contains(Scopes.WRITE)) {
                lines.add("location " + id + " (" + (tokens.installed(id) ? "OAuth" : "private token")
                        + ") lacks the scope " + Scopes.WRITE + ": flows " + String.join(", ", writing)
                        + " cannot run there, their events will be refused naming the scope");
            }
        }
        for (StoredToken install : installs) {
            if (!install.active()) {
                lines.add("location " + install.locationId() + " needs the HighLevel app reinstalled, its"
                        + " events wait: " + install.status() + ": " + install.reason());
            }
        }
        lines.forEach(LOG::warn);
        return lines;
    }

    private static boolean writes(Model model, List<ProcessorDefinition<?>> outputs, Set<String> seen) {
        Map<String, String> call = new LinkedHashMap<>();
        for (ProcessorDefinition<?> step : outputs) {
            if (step instanceof SetHeaderDefinition header && header.getExpression() != null) {
                call.put(header.getName(), header.getExpression().getExpression());
                String method = call.get(HighLevelHeaders.METHOD);
                String path = call.get(HighLevelHeaders.PATH);
                if (method != null && path != null && Scopes.writes(method, path)) {
                    return true;
                }
            } else if (step instanceof ToDefinition to && to.getUri() != null
                    && to.getUri().startsWith("kamelet:")) {
                String name = to.getUri().substring("kamelet:".length()).split("[?/]")[0];
                RouteTemplateDefinition template = model.getRouteTemplateDefinition(name);
                if (seen.add(name) && template != null && template.getRoute() != null
                        && writes(model, template.getRoute().getOutputs(), seen)) {
                    return true;
                }
            }
            List<ProcessorDefinition<?>> inner = new ArrayList<>(step.getOutputs());
            if (step instanceof ChoiceDefinition choice) {
                choice.getWhenClauses().forEach(w -> inner.addAll(w.getOutputs()));
                if (choice.getOtherwise() != null) {
                    inner.addAll(choice.getOtherwise().getOutputs());
                }
            }
            if (!inner.isEmpty() && writes(model, inner, seen)) {
                return true;
            }
        }
        return false;
    }
}
