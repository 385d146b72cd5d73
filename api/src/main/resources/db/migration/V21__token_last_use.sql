-- When each API token was last used, so that its owner can tell a token in use from a forgotten one. Written at
-- most once a minute per token (ApiTokens.recordUse), not on every request.
ALTER TABLE api_token ADD COLUMN last_used_at TIMESTAMPTZ;
