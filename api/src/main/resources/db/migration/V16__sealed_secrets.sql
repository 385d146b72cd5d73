-- Device secrets (PSKs and private keys in device_credentials, bootstrap_assignment and server_key) are sealed by
-- the application with AES-256-GCM (io.dmflow.api.secret) under a key kept outside the database. This row holds a
-- known value sealed with that key, so that a start with another key is refused before it misreads any secret.
CREATE TABLE secret_key_check (
    id          INT         PRIMARY KEY CHECK (id = 1),
    sealed      BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
