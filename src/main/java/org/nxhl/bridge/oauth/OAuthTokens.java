package org.nxhl.bridge.oauth;

import org.nxhl.bridge.metrics.BridgeMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.nxhl.bridge.inbox.RetryLaterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access tokens of locations installed through OAuth. A token is refreshed ahead of its expiry (by
 * the margin) or when HighLevel rejected it; the refresh runs under the row lock of the install, and after
 * taking it the row is read again: a refresh that another thread or process made meanwhile is used, not
 * repeated. The new refresh token is committed with the new access token before either is used.
 *
 * <p>A refresh token HighLevel calls invalid ({@code invalid_grant}) marks the install as needing a
 * reinstall; the location's events then wait, held, until a new install resumes them.
 */
public class OAuthTokens {

    private BridgeMetrics metrics = BridgeMetrics.detached();


    private static final Logger LOG = LoggerFactory.getLogger(OAuthTokens.class);

    private final TokenStore store;
    private final TokenEndpoint endpoint;
    private final CompanyTokens companies;
    private final Duration margin;
    private final Duration reinstallWait;
    // a copy of each active token, so that a call need not read the store; the store stays the authority
    private final Map<String, StoredToken> live = new ConcurrentHashMap<>();
    // one thread per location and process goes for the row lock; the others wait here, not on the database
    private final Map<String, ReentrantLock> guards = new ConcurrentHashMap<>();

    public OAuthTokens(TokenStore store, TokenEndpoint endpoint, CompanyTokens companies, Duration margin,
                       Duration reinstallWait) {
        this.store = store;
        this.endpoint = endpoint;
        this.companies = companies;
        this.margin = margin;
        this.reinstallWait = reinstallWait;
    }

    /** The location's access token, or empty when the location has no OAuth install. */
    public Optional<String> bearerFor(String locationId) {
        StoredToken cached = live.get(locationId);
        if (cached != null && cached.freshAt(soon())) {
            return Optional.of(cached.accessToken());
        }
        Optional<StoredToken> stored = store.find(locationId);
        if (stored.isEmpty()) {
            live.remove(locationId);
            return Optional.empty();
        }
        StoredToken token = stored.get();
        if (!token.active()) {
            live.remove(locationId);
            throw waiting(token);
        }
        if (token.freshAt(soon())) {
            live.put(locationId, token);
            return Optional.of(token.accessToken());
        }
        return Optional.of(refresh(locationId, token.accessToken()).accessToken());
    }

    /** HighLevel answered 401 to {@code usedToken}: answers whether another token is to be had. */
    public boolean rejected(String locationId, String usedToken) {
        if (store.find(locationId).isEmpty()) {
            return false;
        }
        return !refresh(locationId, usedToken).accessToken().equals(usedToken);
    }

    public Optional<Set<String>> scopesFor(String locationId) {
        StoredToken cached = live.get(locationId);
        if (cached != null) {
            return Optional.of(cached.scopes());
        }
        return store.find(locationId).map(StoredToken::scopes);
    }

    /** Forgets the copy held for a location, after its install changed. */
    public void forget(String locationId) {
        live.remove(locationId);
    }

    /**
     * A token other than {@code staleToken} that is good beyond the margin: one another worker already got,
     * or a new one from HighLevel.
     */
    /** Counts refreshes and the ones that failed, by location. */
    public void useMetrics(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    StoredToken refresh(String locationId, String staleToken) {
        ReentrantLock guard = guards.computeIfAbsent(locationId, id -> new ReentrantLock());
        guard.lock();
        try {
            StoredToken cached = live.get(locationId);
            if (cached != null && !cached.accessToken().equals(staleToken) && cached.freshAt(soon())) {
                return cached;
            }
            StoredToken fresh = store.locked(locationId, (current, row) -> {
                StoredToken token = current.orElseThrow(() -> new RetryLaterException("location " + locationId
                        + " was uninstalled while its token was being refreshed", (Throwable) null));
                if (!token.active()) {
                    throw waiting(token);
                }
                if (!token.accessToken().equals(staleToken) && token.freshAt(soon())) {
                    return token;
                }
                return renew(token, row);
            });
            live.put(locationId, fresh);
            return fresh;
        } catch (RetryLaterException e) {
            live.remove(locationId);
            throw e;
        } finally {
            guard.unlock();
        }
    }

    // called holding the row lock: whatever HighLevel answers is written before the lock is let go
    private StoredToken renew(StoredToken token, TokenStore.Row row) {
        String locationId = token.locationId();
        TokenGrant grant;
        Optional<Instant> unfinished = row.unfinishedRefresh();
        try {
            if (token.refreshToken() != null) {
                row.refreshStarting(Instant.now());
            }
            grant = token.refreshToken() != null ? endpoint.refresh(token.refreshToken(), "Location")
                    : fromCompany(token);
        } catch (TokenAnswerLostException e) {
            metrics.tokenRefreshFailed(locationId, "no_answer");
            row.refreshAnswerLost(Instant.now());
            LOG.warn("location {}: {}; HighLevel may have used up its refresh token", locationId,
                    e.getMessage());
            throw new RetryLaterException("the token refresh of location " + locationId + " got no answer",
                    (Throwable) null);
        } catch (TokenRefusedException e) {
            metrics.tokenRefreshFailed(locationId, e.invalidGrant() ? "invalid_grant" : "refused");
            if (!e.invalidGrant()) {
                throw new RetryLaterException("location " + locationId + ": " + e.getMessage(),
                        (Throwable) null);
            }
            String reason = e.getMessage() + (token.refreshLostAt() != null
                    ? "; the refresh made at " + token.refreshLostAt() + " got no answer, and HighLevel had"
                    + " carried it out, so its new tokens were lost"
                    : unfinished.isPresent() ? "; a refresh started at " + unfinished.get() + " never stored"
                    + " its answer (the process stopped before it could), and HighLevel had carried it out,"
                    + " so its new tokens were lost" : "");
            row.disable(StoredToken.NEEDS_REINSTALL, reason);
            LOG.error("location {} needs the HighLevel app reinstalled (through /oauth/install); its events"
                    + " wait until then: {}", locationId, reason);
            throw waiting(locationId, reason);
        }
        row.refreshed(grant);
        metrics.tokenRefreshed(locationId);
        return new StoredToken(locationId, token.companyId(), grant.accessToken(),
                grant.refreshToken() != null ? grant.refreshToken() : token.refreshToken(), grant.expiresAt(),
                grant.scopes().isEmpty() ? token.scopes() : grant.scopes(), StoredToken.ACTIVE, null,
                token.generation() + 1, null);
    }

    private TokenGrant fromCompany(StoredToken token) {
        if (token.companyId() == null) {
            throw new TokenRefusedException(400, "invalid_grant", "the install holds no refresh token");
        }
        String companyToken = companies.accessToken(token.companyId()).orElseThrow(() ->
                new TokenRefusedException(400, "invalid_grant", "no agency install of " + token.companyId()
                        + " is held to renew the location's token"));
        return endpoint.locationToken(companyToken, token.companyId(), token.locationId());
    }

    private RetryLaterException waiting(StoredToken token) {
        return waiting(token.locationId(), token.status() + ": " + token.reason());
    }

    private RetryLaterException waiting(String locationId, String reason) {
        return RetryLaterException.held("location " + locationId + " waits for the HighLevel app to be"
                + " reinstalled: " + reason, Instant.now().plus(reinstallWait));
    }

    private Instant soon() {
        return Instant.now().plus(margin);
    }
}
