-- Who may call dmflow's REST API and its engine's /v2: users who sign in with a password (HTTP Basic) and the
-- API tokens they hold (Authorization: Bearer). Neither a password nor a token is stored, only a slow hash of the
-- password (bcrypt) and the SHA-256 of the token: a token is 256 random bits, so a fast hash does not weaken it.
CREATE TABLE app_user (
    name           VARCHAR(100) PRIMARY KEY,
    password_hash  VARCHAR(100) NOT NULL,
    role           VARCHAR(16)  NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    created_by     VARCHAR(100)
);

-- A token acts for its owner with at most the owner's role (its own role may be lower). Revoked tokens are kept,
-- so that the list still shows what existed and when it was revoked.
CREATE TABLE api_token (
    id            VARCHAR(36)  PRIMARY KEY,
    owner         VARCHAR(100) NOT NULL REFERENCES app_user (name) ON DELETE CASCADE,
    name          VARCHAR(200) NOT NULL,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    secret_sha256 CHAR(64)     NOT NULL UNIQUE,
    prefix        VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    expires_at    TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
CREATE INDEX api_token_owner ON api_token (owner);
