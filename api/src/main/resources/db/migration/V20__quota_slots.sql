-- Named concurrency caps across devices (dm.quota.acquire / dm.quota.release): one row per slot taken, held by an
-- execution until its flow releases it. The quota row is what concurrent acquirers lock, so two of them cannot both
-- take the last slot.
CREATE TABLE quota (
    name        VARCHAR(255) PRIMARY KEY
);

CREATE TABLE quota_slot (
    quota_name  VARCHAR(255) NOT NULL REFERENCES quota (name) ON DELETE CASCADE,
    holder      VARCHAR(255) NOT NULL,
    acquired_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (quota_name, holder)
);
