-- LwM2M servers known by name (Coiote's "LwM2M servers"): what the bootstrap server writes into a
-- device's Security (Object 0) and Server (Object 1) instances for each.
CREATE TABLE dmflow.lwm2m_server (
    name                     text        PRIMARY KEY,
    kind                     text        NOT NULL CHECK (kind IN ('management', 'bootstrap')),
    uri                      text        NOT NULL,
    short_server_id          integer     NOT NULL,
    security_mode            text        NOT NULL CHECK (security_mode IN ('nosec', 'psk', 'rpk', 'x509')),
    server_public_key        bytea,
    lifetime_seconds         bigint      NOT NULL,
    binding                  text        NOT NULL,
    notification_storing     boolean     NOT NULL,
    client_hold_off_seconds  bigint      NOT NULL,
    -- "provision credentials to the server": devices' credentials for it go into dmflow's own security store
    provision_credentials    boolean     NOT NULL DEFAULT true,
    updated_at               timestamptz NOT NULL DEFAULT now()
);

-- A device's bootstrap configuration: the named servers it is given, in order, each with the credentials
-- the device will use with that server (none for NoSec).
CREATE TABLE dmflow.bootstrap_assignment (
    endpoint      text    NOT NULL,
    position      integer NOT NULL,
    server_name   text    NOT NULL REFERENCES dmflow.lwm2m_server (name),
    mode          text    CHECK (mode IN ('psk', 'rpk')),
    psk_identity  text,
    psk_key       bytea,
    public_key    bytea,
    private_key   bytea,
    PRIMARY KEY (endpoint, server_name)
);
CREATE INDEX bootstrap_assignment_server ON dmflow.bootstrap_assignment (server_name);
