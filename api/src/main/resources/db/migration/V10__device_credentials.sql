-- Credentials devices present over DTLS, per endpoint and per server they present them to:
-- 'management' (dmflow's LwM2M server) or 'bootstrap' (dmflow's bootstrap server).
-- Secrets are kept here so that the servers can verify them; the REST API never returns them.
CREATE TABLE dmflow.device_credentials (
    endpoint      text        NOT NULL,
    scope         text        NOT NULL CHECK (scope IN ('management', 'bootstrap')),
    mode          text        NOT NULL CHECK (mode IN ('psk', 'rpk', 'x509')),
    psk_identity  text,
    psk_key       bytea,
    public_key    bytea,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (endpoint, scope),
    CHECK (mode <> 'psk' OR (psk_identity IS NOT NULL AND psk_key IS NOT NULL)),
    CHECK (mode <> 'rpk' OR public_key IS NOT NULL)
);

-- A PSK identity or a public key names one device: the DTLS handshake finds the device by it.
CREATE UNIQUE INDEX device_credentials_psk_identity ON dmflow.device_credentials (scope, psk_identity)
    WHERE psk_identity IS NOT NULL;
CREATE UNIQUE INDEX device_credentials_public_key ON dmflow.device_credentials (scope, md5(public_key))
    WHERE public_key IS NOT NULL;

-- The servers' own key pairs (RPK), made at first start and kept so that devices can pin the public key.
CREATE TABLE dmflow.server_key (
    name          text        PRIMARY KEY,
    public_key    bytea       NOT NULL,
    private_key   bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
