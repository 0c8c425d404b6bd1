-- the last state the bridge saw of each HighLevel contact, as tag rules read it (JSON)
CREATE TABLE contact_state (
    location_id VARCHAR(64)     NOT NULL,
    contact_id  VARCHAR(64)     NOT NULL,
    state       VARCHAR(100000) NOT NULL,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT          NOT NULL,
    PRIMARY KEY (location_id, contact_id)
);

-- which contact a HighLevel task belongs to, for task events that do not say
CREATE TABLE task_link (
    location_id VARCHAR(64) NOT NULL,
    task_id     VARCHAR(64) NOT NULL,
    contact_id  VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (location_id, task_id)
);

-- how far reconciliation has read each location, and which process is reading it now
CREATE TABLE reconcile_checkpoint (
    location_id    VARCHAR(64) PRIMARY KEY,
    updated_millis BIGINT,
    suspended      BOOLEAN DEFAULT FALSE NOT NULL,
    running_by     VARCHAR(100),
    running_until  TIMESTAMP WITH TIME ZONE,
    finished_at    TIMESTAMP WITH TIME ZONE
);
