package org.nxhl.bridge.networx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.nxhl.bridge.store.Database;
import org.nxhl.bridge.store.StoreUnavailableException;

/** The Networx webhook subscription held for each Networx user, kept so it can be undone. */
public class Subscriptions {

    public record Subscription(String account, String subscriptionId, String webhookUrl) {
    }

    private final Database db;

    public Subscriptions(Database db) {
        this.db = db;
    }

    public Optional<Subscription> of(String account) {
        String sql = "SELECT subscription_id, webhook_url FROM networx_subscription WHERE account = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Subscription(account, rs.getString(1), rs.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("subscriptions could not be read", e);
        }
    }

    public void save(Subscription subscription) {
        forget(subscription.account());
        String sql = "INSERT INTO networx_subscription (account, subscription_id, webhook_url, created_at)"
                + " VALUES (?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, subscription.account());
            ps.setString(2, subscription.subscriptionId());
            ps.setString(3, subscription.webhookUrl());
            ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the subscription could not be stored", e);
        }
    }

    /** Forgets every subscription held; answers how many there were. */
    public int forgetAll() {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM networx_subscription")) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the subscriptions could not be removed", e);
        }
    }

    public void forget(String account) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM networx_subscription WHERE account = ?")) {
            ps.setString(1, account);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the subscription could not be removed", e);
        }
    }
}
