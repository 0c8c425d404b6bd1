package org.nxhl.bridge.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nxhl.bridge.metrics.BridgeMetrics;
import org.nxhl.bridge.store.Database;
import org.nxhl.bridge.store.StoreUnavailableException;

/**
 * The durable inbox. Intake stores an event here before it answers 2xx; the dispatcher claims due
 * events with a lease, so an event held by a process that died is claimed again once its lease ends.
 */
public class InboxStore {

    static final String PENDING = "pending";
    static final String PROCESSING = "processing";
    static final String DONE = "done";
    static final String DEAD = "dead";

    private static final String COLUMNS = "id, source, event_type, location_id, idempotency_key, body, attempts,"
            + " COALESCE(replayed_at, received_at)";

    private static final String INSERT = "INSERT INTO inbox_event (source, event_type, location_id,"
            + " idempotency_key, body, status, attempts, received_at, next_attempt_at)"
            + " VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)";

    private final Database db;
    private final GroupCommit groupCommit;
    private BridgeMetrics metrics = BridgeMetrics.detached();

    public InboxStore(Database db) {
        this.db = db;
        this.groupCommit = new GroupCommit(this::acceptAll);
    }

    /** Stops taking events to store; those waiting are still committed. */
    public void close() {
        groupCommit.close();
    }

    /**
     * Stores the event and answers once it is committed; a key already held is reported, not stored again.
     * Events stored at the same moment share one commit (see {@link GroupCommit}).
     */
    public Intake accept(NewEvent event) {
        Intake intake = groupCommit.submit(event);
        if (intake.duplicate()) {
            metrics.eventDuplicate(event.source(), event.type());
        } else {
            metrics.eventReceived(event.source(), event.type());
        }
        return intake;
    }

    /** Counts every event stored, and every one refused as a duplicate, by source and type. */
    public void useMetrics(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    /** Stores the events in one transaction; answers what became of each, in order. */
    List<Intake> acceptAll(List<NewEvent> events) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                List<Intake> result = db.isPostgres() ? insertSkippingConflicts(c, events)
                        : insertNew(c, events);
                db.commitToDisk(c);
                return result;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the inbox could not store the event", e);
        }
    }

    // PostgreSQL decides per row, so replicas storing the same key at once both see one row
    private List<Intake> insertSkippingConflicts(Connection c, List<NewEvent> events) throws SQLException {
        List<Intake> result = new ArrayList<>(events.size());
        String sql = INSERT + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            OffsetDateTime now = now();
            for (NewEvent event : events) {
                bind(ps, event, now);
                try (ResultSet rs = ps.executeQuery()) {
                    result.add(rs.next() ? Intake.stored(rs.getLong(1)) : Intake.alreadyHeld());
                }
            }
        }
        return result;
    }

    // the embedded store has one process, whose one committer looks up the keys before it inserts
    private List<Intake> insertNew(Connection c, List<NewEvent> events) throws SQLException {
        java.util.Set<String> held = new java.util.HashSet<>();
        String sql = "SELECT idempotency_key FROM inbox_event WHERE idempotency_key = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (NewEvent event : events) {
                ps.setString(1, event.idempotencyKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        held.add(event.idempotencyKey());
                    }
                }
            }
        }
        List<Intake> result = new ArrayList<>(events.size());
        try (PreparedStatement ps = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            OffsetDateTime now = now();
            for (NewEvent event : events) {
                if (!held.add(event.idempotencyKey())) {
                    result.add(Intake.alreadyHeld());
                    continue;
                }
                bind(ps, event, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    result.add(Intake.stored(keys.getLong(1)));
                }
            }
        }
        return result;
    }

    private static void bind(PreparedStatement ps, NewEvent event, OffsetDateTime now) throws SQLException {
        ps.setString(1, event.source());
        ps.setString(2, event.type());
        ps.setString(3, event.locationId());
        ps.setString(4, event.idempotencyKey());
        ps.setString(5, event.body());
        ps.setObject(6, now);
        ps.setObject(7, now);
    }

    /** Claims up to {@code max} due events for {@code worker}, each leased until now + lease. */
    public List<InboxEvent> claim(String worker, int max, Duration lease) {
        OffsetDateTime now = now();
        OffsetDateTime until = now.plus(lease);
        try (Connection c = db.connection()) {
            return db.isPostgres() ? claimSkipLocked(c, worker, max, now, until)
                    : claimOneByOne(c, worker, max, now, until);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the inbox could not be read", e);
        }
    }

    private List<InboxEvent> claimSkipLocked(Connection c, String worker, int max, OffsetDateTime now,
                                             OffsetDateTime until) throws SQLException {
        String sql = "UPDATE inbox_event SET status = 'processing', claimed_by = ?, claimed_until = ?,"
                + " attempts = attempts + 1 WHERE id IN (SELECT id FROM inbox_event WHERE status = 'pending'"
                + " AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING " + COLUMNS;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, worker);
            ps.setObject(2, until);
            ps.setObject(3, now);
            ps.setInt(4, max);
            try (ResultSet rs = ps.executeQuery()) {
                return read(rs);
            }
        }
    }

    // without SKIP LOCKED a conditional update per row decides which process wins each event
    private List<InboxEvent> claimOneByOne(Connection c, String worker, int max, OffsetDateTime now,
                                           OffsetDateTime until) throws SQLException {
        List<Long> candidates = new ArrayList<>();
        // status leads the order, though fixed: H2 then reads the due index in order, not sorting the backlog
        String due = "SELECT id FROM inbox_event WHERE status = 'pending' AND next_attempt_at <= ?"
                + " ORDER BY status, next_attempt_at, id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(due)) {
            ps.setObject(1, now);
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getLong(1));
                }
            }
        }
        List<InboxEvent> claimed = new ArrayList<>(candidates.size());
        String take = "UPDATE inbox_event SET status = 'processing', claimed_by = ?, claimed_until = ?,"
                + " attempts = attempts + 1 WHERE id = ? AND status = 'pending'";
        String load = "SELECT " + COLUMNS + " FROM inbox_event WHERE id = ?";
        try (PreparedStatement update = c.prepareStatement(take); PreparedStatement select = c.prepareStatement(load)) {
            for (long id : candidates) {
                update.setString(1, worker);
                update.setObject(2, until);
                update.setLong(3, id);
                if (update.executeUpdate() == 1) {
                    select.setLong(1, id);
                    try (ResultSet rs = select.executeQuery()) {
                        claimed.addAll(read(rs));
                    }
                }
            }
        }
        return claimed;
    }

    /** Puts events whose lease ran out (their process is gone) back in line; answers how many. */
    public int reclaimExpiredLeases() {
        String sql = "UPDATE inbox_event SET status = 'pending', claimed_by = NULL, claimed_until = NULL"
                + " WHERE status = 'processing' AND claimed_until < ?";
        return update(sql, ps -> ps.setObject(1, now()));
    }

    /** Hands back every event {@code worker} holds, for a clean stop. */
    public int release(String worker) {
        String sql = "UPDATE inbox_event SET status = 'pending', claimed_by = NULL, claimed_until = NULL,"
                + " attempts = attempts - 1 WHERE status = 'processing' AND claimed_by = ?";
        return update(sql, ps -> ps.setString(1, worker));
    }

    public void done(InboxEvent event, String worker, String outcome) {
        finish(event, worker, DONE, null, outcome, null);
    }

    public void dead(InboxEvent event, String worker, String reason) {
        finish(event, worker, DEAD, null, null, reason);
    }

    public void retry(InboxEvent event, String worker, Instant at, String reason) {
        finish(event, worker, PENDING, at, null, reason);
    }

    private void finish(InboxEvent event, String worker, String status, Instant retryAt, String outcome,
                        String error) {
        OffsetDateTime now = now();
        String sql = "UPDATE inbox_event SET status = ?, next_attempt_at = ?, finished_at = ?, outcome = ?,"
                + " last_error = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?";
        String attempt = "INSERT INTO event_attempt (event_id, attempt, started_at, result, detail)"
                + " VALUES (?, ?, ?, ?, ?)";
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql); PreparedStatement log = c.prepareStatement(attempt)) {
                ps.setString(1, status);
                ps.setObject(2, retryAt == null ? now : retryAt.atOffset(ZoneOffset.UTC));
                ps.setObject(3, PENDING.equals(status) ? null : now);
                ps.setString(4, outcome);
                ps.setString(5, truncate(error, 4000));
                ps.setLong(6, event.id());
                ps.setString(7, worker);
                ps.executeUpdate();
                log.setLong(1, event.id());
                log.setInt(2, event.attempt());
                log.setObject(3, now);
                log.setString(4, PENDING.equals(status) ? "retry" : status);
                log.setString(5, truncate(error != null ? error : outcome, 4000));
                log.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the outcome of event " + event.id() + " was not stored", e);
        }
    }

    /** Makes a location's waiting events due now, e.g. once what held them is mended; answers how many. */
    public int resume(String locationId) {
        String sql = "UPDATE inbox_event SET next_attempt_at = ? WHERE status = 'pending' AND location_id = ?"
                + " AND next_attempt_at > ?";
        OffsetDateTime now = now();
        return update(sql, ps -> {
            ps.setObject(1, now);
            ps.setString(2, locationId);
            ps.setObject(3, now);
        });
    }

    /** The result recorded for a step of an event, when that step was already carried out. */
    public Optional<String> step(long eventId, String step) {
        String sql = "SELECT result FROM event_step WHERE event_id = ? AND step = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, eventId);
            ps.setString(2, step);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the steps of event " + eventId + " could not be read", e);
        }
    }

    public void recordStep(long eventId, String step, String result) {
        String sql = "INSERT INTO event_step (event_id, step, result) VALUES (?, ?, ?)";
        update(sql, ps -> {
            ps.setLong(1, eventId);
            ps.setString(2, step);
            ps.setString(3, truncate(result, 4000));
        });
    }

    /** Dead letters, newest first, optionally of one type and one location. */
    public List<Map<String, Object>> deadLetters(String type, String locationId, int limit) {
        String sql = "SELECT id, source, event_type, location_id, attempts, received_at, finished_at, last_error,"
                + " replays FROM inbox_event WHERE status = 'dead' AND (? IS NULL OR event_type = ?)"
                + " AND (? IS NULL OR location_id = ?) ORDER BY id DESC LIMIT ?";
        return rows(sql, ps -> {
            ps.setString(1, type);
            ps.setString(2, type);
            ps.setString(3, locationId);
            ps.setString(4, locationId);
            ps.setInt(5, limit);
        });
    }

    /** One event with everything known of it: the stored body, its status, last error and outcome. */
    public Optional<Map<String, Object>> event(long eventId) {
        String sql = "SELECT id, source, event_type, location_id, idempotency_key, status, attempts, received_at,"
                + " next_attempt_at, finished_at, outcome, last_error, replays, body FROM inbox_event WHERE id = ?";
        return rows(sql, ps -> ps.setLong(1, eventId)).stream().findFirst();
    }

    /** Every attempt at an event, in order. */
    public List<Map<String, Object>> attempts(long eventId) {
        String sql = "SELECT attempt, started_at, result, detail FROM event_attempt WHERE event_id = ?"
                + " ORDER BY started_at, attempt";
        return rows(sql, ps -> ps.setLong(1, eventId));
    }

    /** Puts dead letters back in line with a fresh retry window; answers how many. */
    public int replay(Long eventId, String type, String locationId) {
        String sql = "UPDATE inbox_event SET status = 'pending', next_attempt_at = ?, replayed_at = ?,"
                + " replays = replays + 1, finished_at = NULL WHERE status = 'dead' AND (? IS NULL OR id = ?)"
                + " AND (? IS NULL OR event_type = ?) AND (? IS NULL OR location_id = ?)";
        OffsetDateTime now = now();
        return update(sql, ps -> {
            ps.setObject(1, now);
            ps.setObject(2, now);
            for (int i = 3; i <= 4; i++) {
                if (eventId == null) {
                    ps.setNull(i, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(i, eventId);
                }
            }
            ps.setString(5, type);
            ps.setString(6, type);
            ps.setString(7, locationId);
            ps.setString(8, locationId);
        });
    }

    /** Events per status, for readiness and metrics. */
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Map<String, Object> row : rows("SELECT status, COUNT(*) AS n FROM inbox_event GROUP BY status",
                ps -> { })) {
            counts.put((String) row.get("status"), ((Number) row.get("n")).longValue());
        }
        return counts;
    }

    private List<Map<String, Object>> rows(String sql, Binder binder) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                java.sql.ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        row.put(camelCase(meta.getColumnLabel(i)), value instanceof java.time.temporal.Temporal
                                || value instanceof java.sql.Timestamp ? String.valueOf(value) : value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the inbox could not be read", e);
        }
    }

    private static String camelCase(String column) {
        String lower = column.toLowerCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char ch : lower.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return out.toString();
    }

    /** The status of one event, for tests and the admin API. */
    public Optional<String> status(long eventId) {
        String sql = "SELECT status FROM inbox_event WHERE id = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("event " + eventId + " could not be read", e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the inbox could not be updated", e);
        }
    }

    private static List<InboxEvent> read(ResultSet rs) throws SQLException {
        List<InboxEvent> events = new ArrayList<>();
        while (rs.next()) {
            events.add(new InboxEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getInt(7),
                    rs.getObject(8, OffsetDateTime.class).toInstant()));
        }
        return events;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
