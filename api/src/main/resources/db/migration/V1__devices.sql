CREATE TABLE device (
    id                   BIGSERIAL PRIMARY KEY,
    endpoint             VARCHAR(255) NOT NULL UNIQUE,
    registration_id      VARCHAR(64),
    lwm2m_version        VARCHAR(16),
    binding              VARCHAR(16),
    queue_mode           BOOLEAN      NOT NULL DEFAULT FALSE,
    supported_objects    JSONB        NOT NULL DEFAULT '{}'::jsonb,
    address              VARCHAR(128),
    lifetime_seconds     BIGINT,
    state                VARCHAR(16)  NOT NULL,
    first_registered_at  TIMESTAMPTZ  NOT NULL,
    last_registered_at   TIMESTAMPTZ  NOT NULL,
    last_updated_at      TIMESTAMPTZ,
    last_contact_at      TIMESTAMPTZ  NOT NULL,
    registration_expires_at TIMESTAMPTZ
);

-- Listing by state and endpoint prefix is the operators' most common question.
CREATE INDEX device_state_endpoint ON device (state, endpoint);
CREATE INDEX device_endpoint_pattern ON device (endpoint varchar_pattern_ops);
