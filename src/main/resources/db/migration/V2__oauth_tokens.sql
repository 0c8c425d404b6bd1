-- one HighLevel OAuth install per location; tokens are AEAD ciphertexts, never clear text.
-- a refresh locks the row (SELECT ... FOR UPDATE), so it happens once across every process
CREATE TABLE oauth_token (
    location_id    VARCHAR(64)   PRIMARY KEY,
    company_id     VARCHAR(64),
    access_token   VARCHAR(4000) NOT NULL,
    refresh_token  VARCHAR(4000),
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    scopes         VARCHAR(2000) NOT NULL,
    status         VARCHAR(32)   NOT NULL,
    status_reason  VARCHAR(2000),
    generation     BIGINT        NOT NULL,
    installed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    refreshed_at   TIMESTAMP WITH TIME ZONE,
    -- set when a refresh got no answer: HighLevel may have used up the refresh token
    refresh_lost_at TIMESTAMP WITH TIME ZONE
);

-- an agency (Company) install; its token is exchanged for the tokens of its locations
CREATE TABLE oauth_company_token (
    company_id     VARCHAR(64)   PRIMARY KEY,
    access_token   VARCHAR(4000) NOT NULL,
    refresh_token  VARCHAR(4000) NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    scopes         VARCHAR(2000) NOT NULL,
    status         VARCHAR(32)   NOT NULL,
    status_reason  VARCHAR(2000),
    installed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    refreshed_at   TIMESTAMP WITH TIME ZONE
);

-- the state of each install that was started and not yet returned: single use, short lived,
-- kept as a hash so that the table cannot be used to forge a return
CREATE TABLE oauth_state (
    state_hash VARCHAR(64) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
