-- Observations operators asked for: set up again whenever the device registers anew.
CREATE TABLE observation (
    endpoint    VARCHAR(255) NOT NULL,
    path        VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (endpoint, path)
);

-- The data model cache: the latest value the device reported for each path.
CREATE TABLE device_value (
    endpoint     VARCHAR(255) NOT NULL,
    path         VARCHAR(64)  NOT NULL,
    value        JSONB,
    observed_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (endpoint, path)
);

-- Every reported value, for time series.
CREATE TABLE device_value_history (
    id           BIGSERIAL PRIMARY KEY,
    endpoint     VARCHAR(255) NOT NULL,
    path         VARCHAR(64)  NOT NULL,
    value        JSONB,
    observed_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX device_value_history_series ON device_value_history (endpoint, path, observed_at);
