-- each location's HighLevel call budget, shared by every replica on PostgreSQL
CREATE TABLE rate_bucket (
    id    VARCHAR(64) PRIMARY KEY,
    state BYTEA
);
