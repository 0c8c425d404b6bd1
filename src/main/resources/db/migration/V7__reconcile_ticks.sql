-- the schedule tick a location's reconciliation last served, so replicas that all fire on a tick
-- run it once between them, and how many runs there were
ALTER TABLE reconcile_checkpoint ADD COLUMN last_tick BIGINT;
ALTER TABLE reconcile_checkpoint ADD COLUMN runs BIGINT DEFAULT 0 NOT NULL;
