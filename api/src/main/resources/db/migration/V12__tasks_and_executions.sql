-- Device properties, hierarchical groups, stored files, templates, user processes, tasks and executions.

CREATE TABLE device_property (
    endpoint    VARCHAR(255) NOT NULL,
    name        VARCHAR(255) NOT NULL,
    value       TEXT         NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (endpoint, name)
);

-- A group's path names its ancestors: root.fleet.eu is a member of root.fleet.
CREATE TABLE device_group (
    path        VARCHAR(512) PRIMARY KEY,
    parent_path VARCHAR(512) REFERENCES device_group (path),
    created_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX device_group_parent ON device_group (parent_path);

CREATE TABLE group_member (
    group_path  VARCHAR(512) NOT NULL REFERENCES device_group (path) ON DELETE CASCADE,
    endpoint    VARCHAR(255) NOT NULL,
    added_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (group_path, endpoint)
);
CREATE INDEX group_member_endpoint ON group_member (endpoint);

CREATE TABLE group_property (
    group_path  VARCHAR(512) NOT NULL REFERENCES device_group (path) ON DELETE CASCADE,
    name        VARCHAR(255) NOT NULL,
    value       TEXT         NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (group_path, name)
);

-- Files are kept as chunks so that neither upload nor download holds a whole file in memory; a file is
-- written in one transaction, so an interrupted upload leaves nothing behind.
CREATE TABLE stored_resource (
    id           VARCHAR(255) PRIMARY KEY,
    size_bytes   BIGINT       NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,
    content_type VARCHAR(255),
    category     VARCHAR(64),
    expires_at   TIMESTAMPTZ,
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL
);

CREATE TABLE resource_chunk (
    resource_id VARCHAR(255) NOT NULL REFERENCES stored_resource (id) ON DELETE CASCADE,
    seq         INT          NOT NULL,
    data        BYTEA        NOT NULL,
    PRIMARY KEY (resource_id, seq)
);

CREATE TABLE resource_property (
    resource_id VARCHAR(255) NOT NULL REFERENCES stored_resource (id) ON DELETE CASCADE,
    name        VARCHAR(255) NOT NULL,
    value       TEXT         NOT NULL,
    PRIMARY KEY (resource_id, name)
);

CREATE TABLE task_template (
    name           VARCHAR(200) PRIMARY KEY,
    xml            TEXT         NOT NULL,
    bpmn           TEXT         NOT NULL,
    process_id     VARCHAR(255) NOT NULL,
    definition_key BIGINT       NOT NULL,
    version        INT          NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);

CREATE TABLE user_process (
    id             VARCHAR(255) PRIMARY KEY,
    bpmn           TEXT         NOT NULL,
    definition_key BIGINT       NOT NULL,
    version        INT          NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);

CREATE TABLE task (
    id                  VARCHAR(36)  PRIMARY KEY,
    kind                VARCHAR(16)  NOT NULL,
    definition          VARCHAR(255) NOT NULL,
    name                VARCHAR(255) NOT NULL,
    target_device       VARCHAR(255),
    target_group        VARCHAR(512),
    properties          JSONB        NOT NULL,
    priority            INT          NOT NULL,
    blocking            BOOLEAN      NOT NULL,
    execute_immediately BOOLEAN,
    state               VARCHAR(16)  NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    cancelled_at        TIMESTAMPTZ,
    CHECK ((target_device IS NULL) <> (target_group IS NULL))
);
CREATE INDEX task_created ON task (created_at);
CREATE INDEX task_group_active ON task (target_group) WHERE state = 'ACTIVE';

CREATE TABLE execution (
    id                   VARCHAR(36)  PRIMARY KEY,
    task_id              VARCHAR(36)  NOT NULL REFERENCES task (id),
    endpoint             VARCHAR(255) NOT NULL,
    status               VARCHAR(24)  NOT NULL,
    priority             INT          NOT NULL,
    blocking             BOOLEAN      NOT NULL,
    execute_immediately  BOOLEAN      NOT NULL,
    queue_seq            BIGSERIAL    NOT NULL,
    process_id           VARCHAR(255),
    process_instance_key BIGINT,
    result               TEXT,
    details              TEXT,
    created_at           TIMESTAMPTZ  NOT NULL,
    started_at           TIMESTAMPTZ,
    ended_at             TIMESTAMPTZ,
    updated_at           TIMESTAMPTZ  NOT NULL,
    UNIQUE (task_id, endpoint)
);
-- The scheduler's question: what is queued, running or waiting on this device, in which order.
CREATE INDEX execution_device_open ON execution (endpoint, priority, queue_seq)
    WHERE status IN ('QUEUED', 'IN_PROGRESS', 'WAITING_FOR_DEVICE');
CREATE INDEX execution_task_status ON execution (task_id, status);
CREATE INDEX execution_device_created ON execution (endpoint, created_at);
CREATE INDEX execution_instance ON execution (process_instance_key);

CREATE TABLE execution_event (
    id           BIGSERIAL    PRIMARY KEY,
    execution_id VARCHAR(36)  NOT NULL REFERENCES execution (id) ON DELETE CASCADE,
    status       VARCHAR(24)  NOT NULL,
    at           TIMESTAMPTZ  NOT NULL,
    note         TEXT
);
CREATE INDEX execution_event_execution ON execution_event (execution_id, id);

CREATE TABLE execution_log (
    id           BIGSERIAL    PRIMARY KEY,
    execution_id VARCHAR(36)  NOT NULL REFERENCES execution (id) ON DELETE CASCADE,
    at           TIMESTAMPTZ  NOT NULL,
    level        VARCHAR(8)   NOT NULL,
    message      TEXT         NOT NULL,
    job_key      BIGINT       UNIQUE
);
CREATE INDEX execution_log_execution ON execution_log (execution_id, id);

-- Jobs whose effect on a device took place, so a job handed out again is not applied twice.
CREATE TABLE job_effect (
    job_key    BIGINT      PRIMARY KEY,
    outputs    JSONB       NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
);
