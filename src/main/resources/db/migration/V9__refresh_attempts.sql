-- a refresh under way: written and committed apart from the locked oauth_token row before the refresh
-- token is sent, removed in the commit that stores the new tokens. One left behind tells that a process
-- stopped (or lost the answer) after HighLevel may have used up the refresh token
CREATE TABLE oauth_refresh_attempt (
    location_id VARCHAR(64)              PRIMARY KEY,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
