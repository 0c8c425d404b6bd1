package org.nxhl.bridge.events;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.nxhl.bridge.Settings;
import org.nxhl.bridge.inbox.InboxDispatcher;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.location.Location;
import org.nxhl.bridge.location.Locations;
import org.nxhl.bridge.mapping.LeadMapper;
import org.nxhl.bridge.signature.StandardWebhookSignature;
import org.nxhl.bridge.store.ContactLinks;

/**
 * Networx events and callbacks: the signed intake, the Java steps of the event flows and the callback
 * sender, built on the parts {@code BridgeConfiguration} bound before it.
 */
public class EventsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camel) {
        Settings settings = new Settings(camel.getPropertiesComponent());
        Registry registry = camel.getRegistry();
        InboxStore inbox = registry.lookupByNameAndType("inbox", InboxStore.class);
        InboxDispatcher dispatcher = registry.lookupByNameAndType("dispatcher", InboxDispatcher.class);
        ObjectMapper json = registry.lookupByNameAndType("json", ObjectMapper.class);
        ContactLinks links = registry.lookupByNameAndType("contactLinks", ContactLinks.class);
        Locations locations = registry.lookupByNameAndType("locations", Locations.class);
        Clock clock = Clock.systemUTC();

        Map<String, StandardWebhookSignature> secrets = new LinkedHashMap<>();
        for (Location location : locations.all()) {
            settings.optional("location." + location.id() + ".networx.webhook-secret")
                    .ifPresent(secret -> secrets.put(location.id(), new StandardWebhookSignature(secret)));
        }
        EventWait leadWait = new EventWait(
                settings.duration("networx.events.lead-retry", Duration.ofSeconds(2)),
                settings.duration("networx.events.lead-wait", Duration.ofMinutes(15)), "the lead", clock);
        EventSteps steps = new EventSteps(links, json, leadWait,
                settings.duration("networx.events.task-due-in", Duration.ofDays(1)), clock);

        registry.bind("networxEventIntake", new NetworxEventIntake(secrets, inbox, dispatcher,
                settings.integer("intake.max-body-bytes", 256 * 1024)));
        registry.bind("networxEvents", steps);
        registry.bind("contactSync", new ContactSync(new LeadMapper(List.of(), Map.of())));
        registry.bind("bulkTags", new BulkTags(steps, leadWait));
        registry.bind("networxCallbacks", new NetworxCallbacks(inbox, dispatcher, json,
                URI.create(settings.required("networx.callback.url")),
                new StandardWebhookSignature(settings.required("networx.callback.secret")),
                settings.duration("networx.callback.timeout", Duration.ofSeconds(10)), clock));
    }
}
