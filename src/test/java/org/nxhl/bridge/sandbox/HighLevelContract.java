package org.nxhl.bridge.sandbox;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.isRequest;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.isResponse;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageContainsRegexp;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageHasKey;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.pathContainsSubstring;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.responseStatusIs;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.responseStatusTypeIs;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.StatusType;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks HighLevel exchanges against the official contacts spec
 * ({@code shared/ghl-openapi/apps/contacts.json}). The spec is found through the system property
 * {@code ghl.openapi.dir}, else by walking up from the working directory to
 * {@code shared/ghl-openapi}, else at {@code ../shared/ghl-openapi}. Paths are relative to the
 * API root; a leading {@code /sandbox/ghl} is stripped.
 */
public final class HighLevelContract {

    private static volatile HighLevelContract shared;

    private final OpenApiInteractionValidator validator;

    private HighLevelContract(Path spec) {
        this.validator = OpenApiInteractionValidator
                .createFor(parse(spec))
                .withWhitelist(knownSpecGaps())
                // the spec leaves additionalProperties open everywhere, as OpenAPI defaults to, and
                // the API sends more fields than it lists (name, meta, ...); the validator's own
                // stricter default would turn every such field into an error
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /**
     * Parses the spec with its references. The validator would refuse the file outright because
     * {@code /contacts/bulk/tags/update/{type}} never declares its {@code type} parameter; that
     * operation is of no use here, so exactly that finding is let through and any other fails.
     */
    private static OpenAPI parse(Path spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(spec.toUri().toString(), null, options);
        List<String> problems = result.getMessages() == null ? List.of() : result.getMessages().stream()
                .filter(m -> !m.contains("'/contacts/bulk/tags/update/{type}'"))
                .toList();
        if (result.getOpenAPI() == null || !problems.isEmpty()) {
            throw new IllegalStateException("cannot read " + spec + ": " + problems);
        }
        return result.getOpenAPI();
    }

    /** One validator per JVM: parsing the spec takes a moment. */
    public static HighLevelContract load() {
        if (shared == null) {
            synchronized (HighLevelContract.class) {
                if (shared == null) {
                    shared = new HighLevelContract(specDir().resolve("apps/contacts.json"));
                }
            }
        }
        return shared;
    }

    /** Where the spec is looked for; a fresh clone without {@code shared/} beside it lacks it. */
    public static Path specFile() {
        return specDir().resolve("apps/contacts.json");
    }

    /**
     * Whether the spec is there to check against. Where it is not, the checks are skipped and say so, but
     * in CI (which lays {@code shared/} beside the clone) a missing spec fails the run instead.
     */
    public static boolean available() {
        boolean found = Files.isRegularFile(specFile());
        if (!found && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI is set but the HighLevel spec is not at " + specFile());
        }
        return found;
    }

    /** Validates request and answer together; throws an AssertionError listing every finding. */
    public void check(String method, String path, Map<String, String> query,
                      Map<String, List<String>> requestHeaders, String requestBody, int status,
                      Map<String, List<String>> responseHeaders, String responseBody) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method.toUpperCase(Locale.ROOT), apiPath(path));
        if (query != null) {
            query.forEach(request::withQueryParam);
        }
        if (requestHeaders != null) {
            requestHeaders.forEach(request::withHeader);
        }
        if (requestBody != null && !requestBody.isEmpty()) {
            request.withBody(requestBody);
        }
        report(method, path, status, validator.validate(request.build(), response(status, responseHeaders,
                responseBody)));
    }

    /** Validates only the answer, for requests that are wrong on purpose. */
    public void checkResponse(String method, String path, int status, Map<String, List<String>> responseHeaders,
                              String responseBody) {
        Request.Method verb = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        report(method, path, status, validator.validateResponse(apiPath(path), verb,
                response(status, responseHeaders, responseBody)));
    }

    private static SimpleResponse response(int status, Map<String, List<String>> headers, String body) {
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        if (headers != null) {
            headers.forEach(response::withHeader);
        }
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        return response.build();
    }

    private static void report(String method, String path, int status, ValidationReport report) {
        if (report.hasErrors()) {
            String findings = report.getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .map(m -> "  " + m.getKey() + ": " + m.getMessage() + nested(m))
                    .collect(Collectors.joining("\n"));
            throw new AssertionError(method + " " + path + " -> " + status
                    + " breaks the HighLevel contract:\n" + findings);
        }
    }

    private static String nested(ValidationReport.Message message) {
        return message.getNestedMessages().stream().map(n -> "\n    " + n.getMessage())
                .collect(Collectors.joining());
    }

    /**
     * Places where the spec is narrower than the API it describes; each rule covers one such gap.
     */
    private static ValidationErrorsWhitelist knownSpecGaps() {
        return ValidationErrorsWhitelist.create()
                // the rate limit guide documents 429 answers; the operations do not list them
                .withRule("429 from the documented rate limit", allOf(isResponse(),
                        messageHasKey("validation.response.status.unknown"), responseStatusIs(429)))
                // search and duplicate lookup declare their answers without any body, yet answer JSON
                .withRule("search answers with a body", allOf(isResponse(),
                        messageHasKey("validation.response.body.unexpected"), pathContainsSubstring("/contacts/search")))
                // search answers 422 without locationId or pageLimit, as the guides say; it lists no 422
                .withRule("422 from search", allOf(isResponse(), responseStatusIs(422),
                        messageHasKey("validation.response.status.unknown"), pathContainsSubstring("/contacts/search")))
                // a locationId other than the token's is refused with 403, which no operation lists
                .withRule("403 for a foreign location", allOf(isResponse(),
                        messageHasKey("validation.response.status.unknown"), responseStatusIs(403)))
                // gateways answer 5xx on any operation; none lists them
                .withRule("5xx from the gateway", allOf(isResponse(),
                        messageHasKey("validation.response.status.unknown"),
                        responseStatusTypeIs(StatusType.SERVER_ERROR)))
                // custom field inputs may name the field by key alone ({key, field_value}), as the
                // guides say, but the spec's nine field shapes all require id
                .withRule("custom field given by key", allOf(isRequest(),
                        messageHasKey("validation.request.body.schema.anyOf"),
                        messageContainsRegexp("/customFields/\\d+")))
                // numeric, checkbox and multi-select fields read back as numbers or arrays,
                // while the spec types every custom field value as a string
                .withRule("custom field values that are not strings", allOf(isResponse(),
                        messageHasKey("validation.response.body.schema.type"),
                        messageContainsRegexp("/customFields/\\d+/value")))
                // dateOfBirth is documented as a date string (YYYY-MM-DD and others) but typed object
                .withRule("dateOfBirth as a string", allOf(isRequest(),
                        messageHasKey("validation.request.body.schema.type"),
                        messageContainsRegexp("/dateOfBirth")));
    }

    private static String apiPath(String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return bare.startsWith(SandboxRoutes.GHL_PATH) ? bare.substring(SandboxRoutes.GHL_PATH.length()) : bare;
    }

    private static Path specDir() {
        String configured = System.getProperty("ghl.openapi.dir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/ghl-openapi");
            if (Files.isRegularFile(candidate.resolve("apps/contacts.json"))) {
                return candidate;
            }
        }
        return Path.of("../shared/ghl-openapi").toAbsolutePath();
    }
}
