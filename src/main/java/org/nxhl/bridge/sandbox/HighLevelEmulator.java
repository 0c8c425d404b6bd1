package org.nxhl.bridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nxhl.bridge.sandbox.OperationTable.Access;

/**
 * An in-memory HighLevel Contacts API v2 (plus the custom field list of the Locations API):
 * bearer tokens bound to one location and a set of scopes, the {@code Version} header, rate
 * limits per location with HighLevel's headers on every answer, injectable faults and a
 * journal of calls. Thread-safe; paths are relative to the API root, e.g. {@code /contacts/upsert}.
 *
 * <p>Injected 5xx and 429 answers never reach the store. A dropped or withheld answer does: the
 * call is carried out and only its answer is lost or late, as when a real network fails.
 */
public final class HighLevelEmulator {

    public static final String API_VERSION = "2021-07-28";
    public static final String DEFAULT_LOCATION = "sandbox";
    public static final String DEFAULT_TOKEN = "sandbox-pit";
    public static final Set<String> DEFAULT_SCOPES = Set.of("contacts.readonly", "contacts.write");
    public static final List<String> DEFAULT_CUSTOM_FIELDS = List.of("contact.networx_lead_id",
            "contact.networx_price", "contact.networx_exclusive", "contact.networx_plan",
            "contact.job_status");

    private static final String READ_SCOPE = "contacts.readonly";
    private static final String WRITE_SCOPE = "contacts.write";

    private final Clock clock;
    private final RateLimitPolicy initialPolicy;
    private final AccessTokens tokens;
    private final LocationRateLimiter limiter;
    private final FaultInjector faults = new FaultInjector();
    private final CallJournal journal = new CallJournal();
    private final ContactStore store = new ContactStore();
    private final CustomFieldCatalog catalog;
    private final OperationTable operations;
    private volatile ExchangeObserver observer;
    private volatile WebhookEmitter webhookEmitter;
    private volatile WebhookEvents webhooks;

    public HighLevelEmulator() {
        this(RateLimitPolicy.HIGHLEVEL, DEFAULT_CUSTOM_FIELDS, Clock.systemUTC());
    }

    public HighLevelEmulator(RateLimitPolicy policy, List<String> customFieldKeys, Clock clock) {
        this.clock = clock;
        this.initialPolicy = policy;
        this.tokens = new AccessTokens(clock);
        this.limiter = new LocationRateLimiter(policy, clock);
        this.catalog = new CustomFieldCatalog(customFieldKeys);
        this.operations = operations();
        registerDefaultToken();
    }

    public SandboxResponse handle(String method, String path, Map<String, String> query,
                                  Map<String, String> headers, byte[] body) {
        String verb = method.toUpperCase(Locale.ROOT);
        Map<String, String> header = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            header.putAll(headers);
        }
        AccessGrant grant = tokens.resolve(header.get("Authorization"));
        String locationId = grant == null ? null : grant.locationId();
        OperationTable.Match match = operations.find(verb, path);
        String template = match == null || match.entry() == null
                ? "(unknown)" : match.entry().template().text();
        RateDecision rate = locationId == null ? limiter.untouched() : limiter.acquire(locationId);
        SandboxResponse response;
        if (!rate.allowed()) {
            response = tooManyRequests();
        } else {
            if (locationId != null) {
                journal.accepted(clock.millis());
            }
            FaultInjector.Fault fault = faults.draw();
            if (fault.kind() != FaultInjector.Kind.NONE) {
                journal.fault(fault.kind().name().toLowerCase(Locale.ROOT));
            }
            response = switch (fault.kind()) {
                case SERVER_ERROR -> serverError(fault.errorStatus());
                case RATE_LIMITED -> tooManyRequests();
                default -> answerAndReport(verb, path, match, grant, header, query == null ? Map.of() : query,
                        body);
            };
            response = deliver(response, fault);
            if (fault.kind() == FaultInjector.Kind.RATE_LIMITED) {
                rate = new RateDecision(false, rate.policy(), 0, rate.dailyRemaining());
            }
        }
        journal.record(verb, template, response.status(), locationId);
        SandboxResponse answered = response.withHeaders(rate.headers());
        ExchangeObserver watching = observer;
        if (watching != null) {
            watching.exchanged(verb, path, query == null ? Map.of() : query, header,
                    body == null ? new byte[0] : body, answered);
        }
        return answered;
    }

    /** Hands every following exchange to {@code observer} as well; null stops that. */
    public void observe(ExchangeObserver observer) {
        this.observer = observer;
    }

    /** From now on, contact, task and note changes made through the API are sent as signed webhooks. */
    public void emitWebhooks(WebhookEmitter emitter) {
        this.webhookEmitter = emitter;
        this.webhooks = emitter == null ? null : new WebhookEvents(emitter, store);
    }

    /** The webhook sender, or null when this emulator sends none. */
    public WebhookEmitter webhookEmitter() {
        return webhookEmitter;
    }

    /**
     * Adds {@code count} plain contacts straight to the store, as if made at {@code updatedMillis}: no API
     * call, no webhook, no rate limit. For tests and benchmarks of large locations.
     */
    public List<String> seedContacts(String locationId, int count, long updatedMillis) {
        ContactBook book = store.book(locationId);
        List<String> ids = new ArrayList<>(count);
        synchronized (book) {
            for (int i = 0; i < count; i++) {
                ObjectNode data = SandboxJson.object();
                String id = Ids.random();
                data.put("id", id);
                data.put("locationId", locationId);
                data.put("type", "lead");
                data.put("firstName", "Seeded");
                data.put("lastName", "Contact " + i);
                data.put("email", "seeded-" + id.toLowerCase(Locale.ROOT) + "@example.com");
                data.put("emailLowerCase", "seeded-" + id.toLowerCase(Locale.ROOT) + "@example.com");
                data.put("dnd", false);
                data.putObject("dndSettings");
                data.putArray("tags");
                data.putArray("customFields");
                data.put("dateAdded", Timestamps.format(updatedMillis));
                data.put("dateUpdated", Timestamps.format(updatedMillis));
                book.save(new ContactRecord(data, updatedMillis), null, null);
                ids.add(id);
            }
        }
        return ids;
    }

    /** Accepts a bearer token for a location, e.g. one an OAuth emulator has just issued. */
    public void registerToken(String token, String locationId, Set<String> scopes, Instant expiresAtOrNull) {
        tokens.register(token, locationId, scopes, expiresAtOrNull);
    }

    public void revokeToken(String token) {
        tokens.revoke(token);
    }

    public RateLimitPolicy rateLimit() {
        return limiter.policy();
    }

    public void setRateLimit(RateLimitPolicy policy) {
        limiter.setPolicy(policy);
    }

    public FaultSettings faults() {
        return faults.settings();
    }

    public void setFaults(FaultSettings settings) {
        faults.set(settings);
    }

    public CallJournal journal() {
        return journal;
    }

    /** Back to the state at construction: no contacts, the default token, no faults, budgets full. */
    public void reset() {
        store.clear();
        catalog.clear();
        tokens.clear();
        registerDefaultToken();
        limiter.setPolicy(initialPolicy);
        faults.set(FaultSettings.NONE);
        journal.reset();
        if (webhookEmitter != null) {
            webhookEmitter.reset();
        }
    }

    /** Custom field keys of a location mapped to their ids. */
    public Map<String, String> customFieldIds(String locationId) {
        Map<String, String> ids = new LinkedHashMap<>();
        catalog.definitions(locationId).forEach(d -> ids.put(d.key(), d.id()));
        return ids;
    }

    /** Stores an appointment that {@code GET /contacts/{id}/appointments} then lists. */
    public void addAppointment(String locationId, String contactId, Map<String, Object> event) {
        ContactBook book = store.book(locationId);
        synchronized (book) {
            ContactRecord record = book.require(contactId);
            ObjectNode stored = SandboxJson.MAPPER.valueToTree(event);
            stored.put("contactId", contactId);
            stored.put("locationId", locationId);
            record.appointments.add(stored);
        }
    }

    /** Every contact of a location with its notes and tasks, oldest first, as JSON-ready nodes. */
    public List<JsonNode> contacts(String locationId) {
        ContactBook book = store.book(locationId);
        List<JsonNode> contacts = new ArrayList<>();
        synchronized (book) {
            for (ContactRecord record : book.all()) {
                ObjectNode contact = record.data.deepCopy();
                ArrayNode notes = contact.putArray("notes");
                record.notes.values().forEach(n -> notes.add(n.deepCopy()));
                ArrayNode tasks = contact.putArray("tasks");
                record.tasks.values().forEach(t -> tasks.add(t.deepCopy()));
                contacts.add(contact);
            }
        }
        return contacts;
    }

    private void registerDefaultToken() {
        tokens.register(DEFAULT_TOKEN, DEFAULT_LOCATION, DEFAULT_SCOPES, null);
    }

    private SandboxResponse answer(String verb, String path, OperationTable.Match match, AccessGrant grant,
                                   Map<String, String> header, Map<String, String> query, byte[] body) {
        try {
            if (!API_VERSION.equals(header.get("Version"))) {
                throw ApiError.unauthorized("Version header is missing or not supported");
            }
            if (grant == null) {
                throw ApiError.unauthorized("Invalid JWT");
            }
            if (match == null || match.entry() == null) {
                ApiError error = ApiError.of(404, "Cannot " + verb + " " + path);
                return error.toResponse();
            }
            String scope = match.entry().access() == Access.WRITE ? WRITE_SCOPE : READ_SCOPE;
            if (!grant.allows(scope)) {
                throw ApiError.unauthorized("The token is not authorized for this scope.");
            }
            JsonNode json = verb.equals("GET") ? SandboxJson.MAPPER.missingNode() : SandboxJson.parse(body);
            return match.entry().operation().run(new ApiCall(grant, match.params(), query, json));
        } catch (ApiError error) {
            return error.toResponse();
        }
    }

    private SandboxResponse answerAndReport(String verb, String path, OperationTable.Match match,
                                            AccessGrant grant, Map<String, String> header,
                                            Map<String, String> query, byte[] body) {
        WebhookEvents events = webhooks;
        if (events == null || grant == null || match == null || match.entry() == null) {
            return answer(verb, path, match, grant, header, query, body);
        }
        String template = match.entry().template().text();
        ObjectNode before = events.before(verb, template, match.params(), grant.locationId());
        SandboxResponse response = answer(verb, path, match, grant, header, query, body);
        if (response.status() / 100 == 2) {
            JsonNode request = body == null || body.length == 0 ? SandboxJson.object()
                    : SandboxJson.parseLenient(body);
            events.after(verb, template, match.params(), grant.locationId(), request, response, before);
        }
        return response;
    }

    private static SandboxResponse deliver(SandboxResponse response, FaultInjector.Fault fault) {
        return switch (fault.kind()) {
            case DROP -> response.withDelivery(SandboxResponse.Delivery.DROP, fault.latencyMs());
            case TIMEOUT -> response.withDelivery(SandboxResponse.Delivery.TIMEOUT, fault.latencyMs());
            default -> response.withDelivery(SandboxResponse.Delivery.ANSWER, fault.latencyMs());
        };
    }

    private static SandboxResponse tooManyRequests() {
        return ApiError.of(429, "Too Many Requests").toResponse();
    }

    private static SandboxResponse serverError(int status) {
        String message = switch (status) {
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Internal server error";
        };
        return ApiError.of(status, message).toResponse();
    }

    private OperationTable operations() {
        ContactOperations contacts = new ContactOperations(store, catalog, clock);
        ContactSearch search = new ContactSearch(store);
        TaskOperations tasks = new TaskOperations(store);
        NoteOperations notes = new NoteOperations(store, clock);
        return new OperationTable()
                .add("POST", "/contacts/search", Access.READ, search::search)
                .add("GET", "/contacts/search/duplicate", Access.READ, contacts::duplicate)
                .add("POST", "/contacts/upsert", Access.WRITE, contacts::upsert)
                .add("GET", "/contacts/business/{businessId}", Access.READ, contacts::byBusiness)
                .add("GET", "/contacts/", Access.READ, contacts::list)
                .add("POST", "/contacts/", Access.WRITE, contacts::create)
                .add("GET", "/contacts/{contactId}", Access.READ, contacts::get)
                .add("PUT", "/contacts/{contactId}", Access.WRITE, contacts::update)
                .add("DELETE", "/contacts/{contactId}", Access.WRITE, contacts::delete)
                .add("POST", "/contacts/{contactId}/tags", Access.WRITE, contacts::addTags)
                .add("DELETE", "/contacts/{contactId}/tags", Access.WRITE, contacts::removeTags)
                .add("GET", "/contacts/{contactId}/appointments", Access.READ, contacts::appointments)
                .add("GET", "/contacts/{contactId}/tasks", Access.READ, tasks::list)
                .add("POST", "/contacts/{contactId}/tasks", Access.WRITE, tasks::create)
                .add("GET", "/contacts/{contactId}/tasks/{taskId}", Access.READ, tasks::get)
                .add("PUT", "/contacts/{contactId}/tasks/{taskId}", Access.WRITE, tasks::update)
                .add("DELETE", "/contacts/{contactId}/tasks/{taskId}", Access.WRITE, tasks::delete)
                .add("PUT", "/contacts/{contactId}/tasks/{taskId}/completed", Access.WRITE, tasks::complete)
                .add("GET", "/contacts/{contactId}/notes", Access.READ, notes::list)
                .add("POST", "/contacts/{contactId}/notes", Access.WRITE, notes::create)
                .add("GET", "/contacts/{contactId}/notes/{id}", Access.READ, notes::get)
                .add("PUT", "/contacts/{contactId}/notes/{id}", Access.WRITE, notes::update)
                .add("DELETE", "/contacts/{contactId}/notes/{id}", Access.WRITE, notes::delete)
                .add("GET", "/locations/{locationId}/customFields", Access.READ, contacts::customFields);
    }
}
