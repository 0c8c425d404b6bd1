package org.nxhl.bridge;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.Registry;
import org.nxhl.bridge.events.EventWait;
import org.nxhl.bridge.highlevel.CustomFieldIds;
import org.nxhl.bridge.highlevel.HighLevelCalls;
import org.nxhl.bridge.highlevel.HighLevelClient;
import org.nxhl.bridge.inbox.InboxDispatcher;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.intake.HighLevelWebhookIntake;
import org.nxhl.bridge.location.Location;
import org.nxhl.bridge.location.Locations;
import org.nxhl.bridge.rules.TagRules;
import org.nxhl.bridge.rules.TagRulesFile;
import org.nxhl.bridge.signature.HighLevelWebhookVerifier;
import org.nxhl.bridge.signature.PublicKeys;
import org.nxhl.bridge.store.ContactLinks;
import org.nxhl.bridge.store.ContactStates;
import org.nxhl.bridge.store.Database;
import org.nxhl.bridge.store.ReconcileCheckpoints;
import org.nxhl.bridge.store.TaskLinks;
import org.nxhl.bridge.sync.AppInstallSteps;
import org.nxhl.bridge.sync.Reconciler;
import org.nxhl.bridge.sync.TagRuleSteps;
import org.nxhl.bridge.sync.TaskSteps;

/**
 * HighLevel to Networx: the verified webhook intake, tag rules, task confirmations, app installs and the
 * scheduled reconciliation. Builds on the parts {@link BridgeConfiguration} binds.
 */
public class HighLevelSyncConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camel) throws Exception {
        Settings settings = new Settings(camel.getPropertiesComponent());
        Registry registry = camel.getRegistry();
        ObjectMapper json = registry.lookupByNameAndType("json", ObjectMapper.class);
        Database db = registry.lookupByNameAndType("database", Database.class);
        InboxStore inbox = registry.lookupByNameAndType("inbox", InboxStore.class);
        InboxDispatcher dispatcher = registry.lookupByNameAndType("dispatcher", InboxDispatcher.class);
        ContactLinks links = registry.lookupByNameAndType("contactLinks", ContactLinks.class);
        Locations locations = registry.lookupByNameAndType("locations", Locations.class);
        HighLevelCalls calls = new HighLevelCalls(camel,
                registry.lookupByNameAndType("highLevel", HighLevelClient.class), json);
        Clock clock = Clock.systemUTC();

        PublicKey ed25519 = settings.optional("highlevel.webhook.public-key")
                .map(key -> PublicKeys.read(key, "Ed25519")).orElse(null);
        PublicKey rsa = PublicKeys.read(
                settings.string("highlevel.webhook.rsa-public-key", PublicKeys.HIGHLEVEL_RSA), "RSA");
        HighLevelWebhookVerifier verifier = new HighLevelWebhookVerifier(ed25519, rsa);
        registry.bind("highLevelWebhookIntake", new HighLevelWebhookIntake(verifier, inbox, dispatcher,
                settings.duration("highlevel.webhook.max-age", Duration.ofMinutes(5)),
                settings.integer("intake.max-body-bytes", 256 * 1024), clock));

        // a rules file with a mistake stops the start, with the line and the reason
        TagRules rules = new TagRules(TagRulesFile.read(Path.of(settings.string("tag-rules.file",
                "rules/tag-rules.yaml"))));
        CustomFieldIds customFields = new CustomFieldIds(calls,
                settings.duration("tag-rules.custom-fields-ttl", Duration.ofMinutes(10)), clock);
        registry.bind("tagRuleSteps", new TagRuleSteps(rules, new ContactStates(db, json), customFields,
                links, inbox, json));
        registry.bind("taskSteps", new TaskSteps(new TaskLinks(db), links, json, new EventWait(
                settings.duration("highlevel.events.task-wait-retry", Duration.ofSeconds(1)),
                settings.duration("highlevel.events.task-wait", Duration.ofMinutes(2)), "the task's TaskCreate",
                Clock.systemUTC())));

        ReconcileCheckpoints checkpoints = new ReconcileCheckpoints(db);
        registry.bind("appInstallSteps", new AppInstallSteps(camel, checkpoints, json));
        registry.bind("reconciler", new Reconciler(calls, checkpoints, inbox, dispatcher, json,
                settings.integer("reconcile.page-size", 100),
                settings.duration("reconcile.overlap", Duration.ofMinutes(2)),
                settings.duration("reconcile.lease", Duration.ofMinutes(2)), clock));

        boolean schedule = settings.flag("reconcile.enabled", true);
        String cron = settings.string("reconcile.cron", "0 0/15 * * * ?");
        camel.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // routes added now would not be started; the schedules are added once all is started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted)
                    throws Exception {
                if (!schedule) {
                    return;
                }
                for (Location location : locations.all()) {
                    if (context.getRoute(Reconciler.routeId(location.id())) != null) {
                        continue;
                    }
                    TemplatedRouteBuilder.builder(context, "highlevel-reconcile-schedule")
                            .routeId(Reconciler.routeId(location.id()))
                            .parameter("locationId", location.id())
                            .parameter("cron",
                                    settings.string("location." + location.id() + ".reconcile.cron", cron))
                            .add();
                }
            }
        });
    }
}
