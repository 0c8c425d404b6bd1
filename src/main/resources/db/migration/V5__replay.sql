-- a replayed dead letter gets a fresh retry window, counted from the replay
ALTER TABLE inbox_event ADD COLUMN replayed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE inbox_event ADD COLUMN replays INT DEFAULT 0 NOT NULL;
CREATE INDEX ix_inbox_event_dead ON inbox_event (status, event_type, location_id);
