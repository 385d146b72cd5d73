-- The LwM2M server's registrations and Leshan's observations (with the CoAP request each was made with), so that
-- a restart of dmflow keeps every device registered and every notification accepted. Each row is what Leshan holds
-- in memory, as JSON; the columns beside it are what the store looks rows up by.
CREATE TABLE lwm2m_registration (
    registration_id  VARCHAR(255) PRIMARY KEY,
    endpoint         VARCHAR(255) NOT NULL UNIQUE,
    expires_at       TIMESTAMPTZ  NOT NULL,
    registration     JSONB        NOT NULL
);

CREATE TABLE lwm2m_observation (
    observation_id   VARCHAR(512) PRIMARY KEY,
    registration_id  VARCHAR(255) NOT NULL REFERENCES lwm2m_registration (registration_id) ON DELETE CASCADE,
    observation      JSONB        NOT NULL
);

CREATE INDEX lwm2m_observation_registration ON lwm2m_observation (registration_id);
