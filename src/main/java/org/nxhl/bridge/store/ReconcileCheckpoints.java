package org.nxhl.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.OptionalLong;

/**
 * Per location: how far reconciliation has read HighLevel's contacts (by update time), whether the
 * location is suspended (the app was uninstalled), and which process holds the run now. The run is a
 * lease in this table, so among replicas sharing the store only one reads a location at a time.
 */
public class ReconcileCheckpoints {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;

    public ReconcileCheckpoints(Database db) {
        this.db = db;
    }

    /**
     * Takes the location's run for {@code runner} for {@code lease}; false when held, suspended, or when
     * the schedule tick (its scheduled fire time; null for a run asked for by hand) was already served
     * by another replica that fired on it too.
     */
    public boolean claim(String locationId, String runner, Duration lease, Long tick) {
        ensure(locationId);
        OffsetDateTime now = now();
        String sql = "UPDATE reconcile_checkpoint SET running_by = ?, running_until = ?,"
                + " last_tick = COALESCE(?, last_tick), runs = runs + 1 WHERE location_id = ?"
                + " AND suspended = FALSE AND (running_until IS NULL OR running_until < ?)"
                + " AND (CAST(? AS BIGINT) IS NULL OR last_tick IS NULL OR last_tick < ?)";
        return update(sql, ps -> {
            ps.setString(1, runner);
            ps.setObject(2, now.plus(lease));
            setTick(ps, 3, tick);
            ps.setString(4, locationId);
            ps.setObject(5, now);
            setTick(ps, 6, tick);
            setTick(ps, 7, tick);
        }) == 1;
    }

    private static void setTick(PreparedStatement ps, int index, Long tick) throws SQLException {
        if (tick == null) {
            ps.setNull(index, java.sql.Types.BIGINT);
        } else {
            ps.setLong(index, tick);
        }
    }

    /** How many runs the location has had, on every replica together. */
    public long runs(String locationId) {
        String sql = "SELECT runs FROM reconcile_checkpoint WHERE location_id = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, locationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the reconciliation runs could not be read", e);
        }
    }

    public void release(String locationId, String runner) {
        String sql = "UPDATE reconcile_checkpoint SET running_by = NULL, running_until = NULL,"
                + " finished_at = ? WHERE location_id = ? AND running_by = ?";
        update(sql, ps -> {
            ps.setObject(1, now());
            ps.setString(2, locationId);
            ps.setString(3, runner);
        });
    }

    /** Contacts updated at or after this (epoch ms) may not be handled yet; empty before a first run. */
    public OptionalLong checkpoint(String locationId) {
        String sql = "SELECT updated_millis FROM reconcile_checkpoint WHERE location_id = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, locationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return OptionalLong.empty();
                }
                long millis = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(millis);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the checkpoint of " + locationId + " could not be read", e);
        }
    }

    /**
     * Moves the checkpoint and renews the run's lease for {@code lease} from now, only while
     * {@code runner} still holds the run: a long run keeps its lease page by page, and a process that
     * stops mid-run leaves the location to the others once its last renewal runs out.
     */
    public boolean advance(String locationId, String runner, long updatedMillis, Duration lease) {
        String sql = "UPDATE reconcile_checkpoint SET updated_millis = ?, running_until = ?"
                + " WHERE location_id = ? AND running_by = ?";
        return update(sql, ps -> {
            ps.setLong(1, updatedMillis);
            ps.setObject(2, now().plus(lease));
            ps.setString(3, locationId);
            ps.setString(4, runner);
        }) == 1;
    }

    /** Stops or resumes reconciliation of a location on every replica. */
    public void suspend(String locationId, boolean suspended) {
        ensure(locationId);
        update("UPDATE reconcile_checkpoint SET suspended = ? WHERE location_id = ?", ps -> {
            ps.setBoolean(1, suspended);
            ps.setString(2, locationId);
        });
    }

    private void ensure(String locationId) {
        String sql = "INSERT INTO reconcile_checkpoint (location_id, suspended) VALUES (?, FALSE)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (!exists(c, locationId)) {
                ps.setString(1, locationId);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new StoreUnavailableException("no checkpoint could be made for " + locationId, e);
            }
        }
    }

    private static boolean exists(Connection c, String locationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM reconcile_checkpoint WHERE location_id = ?")) {
            ps.setString(1, locationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("reconciliation checkpoints could not be updated", e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
