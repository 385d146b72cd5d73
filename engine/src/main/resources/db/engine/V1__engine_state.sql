-- Engine state. Every time is epoch milliseconds of the engine clock (which a test may pin),
-- so that timers and deadlines compare against the same clock that wrote them.

-- One key space for every entity, as Zeebe's partition 1: keys start at 2^51 + 1.
-- Handed out in blocks of 100 so a command does not pay a round trip per key.
CREATE SEQUENCE key_block START WITH 2251799813685249 INCREMENT BY 100;

CREATE TABLE clock (
  id            int PRIMARY KEY,
  pinned_millis bigint
);
INSERT INTO clock (id, pinned_millis) VALUES (1, NULL);

CREATE TABLE deployment (
  deployment_key bigint PRIMARY KEY,
  tenant_id      text   NOT NULL,
  create_time    bigint NOT NULL
);

CREATE TABLE process_definition (
  process_definition_key bigint PRIMARY KEY,
  bpmn_process_id        text   NOT NULL,
  version                int    NOT NULL,
  version_tag            text,
  name                   text,
  resource_name          text   NOT NULL,
  checksum               text   NOT NULL,
  bpmn_xml               text   NOT NULL,
  tenant_id              text   NOT NULL,
  deployment_key         bigint NOT NULL,
  create_time            bigint NOT NULL,
  UNIQUE (tenant_id, bpmn_process_id, version)
);

CREATE TABLE process_instance (
  process_instance_key        bigint PRIMARY KEY,
  process_definition_key      bigint NOT NULL,
  bpmn_process_id             text   NOT NULL,
  version                     int    NOT NULL,
  state                       text   NOT NULL,
  parent_process_instance_key bigint,
  parent_element_instance_key bigint,
  root_process_instance_key   bigint NOT NULL,
  tenant_id                   text   NOT NULL,
  start_time                  bigint NOT NULL,
  end_time                    bigint,
  tags                        text   NOT NULL DEFAULT '[]',
  business_id                 text,
  has_incident                boolean NOT NULL DEFAULT false
);
CREATE INDEX process_instance_definition ON process_instance (process_definition_key);
CREATE INDEX process_instance_parent ON process_instance (parent_process_instance_key);

-- lifecycle: ACTIVATING, ACTIVATED, COMPLETING, COMPLETED, TERMINATED (externally ACTIVE until final)
CREATE TABLE element_instance (
  element_instance_key      bigint PRIMARY KEY,
  process_instance_key      bigint NOT NULL,
  root_process_instance_key bigint NOT NULL,
  process_definition_key    bigint NOT NULL,
  bpmn_process_id           text   NOT NULL,
  element_id                text   NOT NULL,
  element_type              text   NOT NULL,
  flow_scope_key            bigint,
  scope_path                bigint[] NOT NULL,
  lifecycle                 text   NOT NULL,
  tenant_id                 text   NOT NULL,
  start_time                bigint NOT NULL,
  end_time                  bigint,
  incident_key              bigint,
  multi_instance_index      int,
  interrupted               boolean NOT NULL DEFAULT false
);
CREATE INDEX element_instance_children ON element_instance (flow_scope_key) WHERE end_time IS NULL;
CREATE INDEX element_instance_process ON element_instance (process_instance_key);

CREATE TABLE sequence_flow_taken (
  process_instance_key bigint NOT NULL,
  sequence_flow_id     text   NOT NULL,
  PRIMARY KEY (process_instance_key, sequence_flow_id)
);

-- Tokens waiting at a parallel join: one row per arrival on an incoming flow.
CREATE TABLE join_arrival (
  arrival_key    bigint PRIMARY KEY,
  flow_scope_key bigint NOT NULL,
  gateway_id     text   NOT NULL,
  sequence_flow_id text NOT NULL
);
CREATE INDEX join_arrival_scope ON join_arrival (flow_scope_key, gateway_id);

CREATE TABLE variable (
  variable_key              bigint PRIMARY KEY,
  scope_key                 bigint NOT NULL,
  process_instance_key      bigint NOT NULL,
  root_process_instance_key bigint NOT NULL,
  process_definition_key    bigint NOT NULL,
  name                      text   NOT NULL,
  value                     text   NOT NULL,
  tenant_id                 text   NOT NULL,
  UNIQUE (scope_key, name)
);
CREATE INDEX variable_process ON variable (process_instance_key);

-- state: ACTIVATABLE, ACTIVATED, FAILED (waiting for back-off or an incident), COMPLETED,
-- ERROR_THROWN, CANCELED. last_event is the search-visible lifecycle event.
CREATE TABLE job (
  job_key                   bigint PRIMARY KEY,
  type                      text   NOT NULL,
  state                     text   NOT NULL,
  last_event                text   NOT NULL,
  retries                   int    NOT NULL,
  deadline                  bigint,
  backoff_until             bigint,
  worker                    text,
  custom_headers            text   NOT NULL,
  element_instance_key      bigint NOT NULL,
  element_id                text   NOT NULL,
  scope_path                bigint[] NOT NULL,
  process_instance_key      bigint NOT NULL,
  root_process_instance_key bigint NOT NULL,
  process_definition_key    bigint NOT NULL,
  bpmn_process_id           text   NOT NULL,
  process_definition_version int   NOT NULL,
  error_message             text,
  error_code                text,
  kind                      text   NOT NULL,
  listener_event_type       text   NOT NULL,
  tenant_id                 text   NOT NULL,
  tags                      text   NOT NULL DEFAULT '[]',
  creation_time             bigint NOT NULL,
  last_update_time          bigint NOT NULL,
  end_time                  bigint
);
CREATE INDEX job_activatable ON job (type, job_key) WHERE state = 'ACTIVATABLE';
CREATE INDEX job_deadline ON job (deadline) WHERE state = 'ACTIVATED';
CREATE INDEX job_backoff ON job (backoff_until) WHERE state = 'FAILED' AND backoff_until IS NOT NULL;
CREATE INDEX job_element_instance ON job (element_instance_key);
CREATE INDEX job_process_instance ON job (process_instance_key);

-- What to re-run on resolution is kept with the incident: ACTIVATE or COMPLETE the element,
-- or re-enable the job.
CREATE TABLE incident (
  incident_key              bigint PRIMARY KEY,
  error_type                text   NOT NULL,
  error_message             text   NOT NULL,
  state                     text   NOT NULL,
  element_instance_key      bigint NOT NULL,
  element_id                text   NOT NULL,
  process_instance_key      bigint NOT NULL,
  root_process_instance_key bigint NOT NULL,
  process_definition_key    bigint NOT NULL,
  bpmn_process_id           text   NOT NULL,
  job_key                   bigint,
  retry_step                text   NOT NULL,
  tenant_id                 text   NOT NULL,
  creation_time             bigint NOT NULL
);
CREATE INDEX incident_process_instance ON incident (process_instance_key);
CREATE INDEX incident_element_instance ON incident (element_instance_key) WHERE state = 'ACTIVE';

-- owner: the element instance whose end cancels the timer (catch event, host activity, scope)
CREATE TABLE timer (
  timer_key                 bigint PRIMARY KEY,
  owner_key                 bigint NOT NULL,
  target_element_id         text   NOT NULL,
  process_instance_key      bigint NOT NULL,
  root_process_instance_key bigint NOT NULL,
  process_definition_key    bigint NOT NULL,
  due_date                  bigint NOT NULL,
  repetitions               int    NOT NULL,
  cycle_interval            text,
  state                     text   NOT NULL,
  tenant_id                 text   NOT NULL
);
CREATE INDEX timer_due ON timer (due_date) WHERE state = 'CREATED';
CREATE INDEX timer_owner ON timer (owner_key) WHERE state = 'CREATED';

CREATE TABLE message (
  message_key     bigint PRIMARY KEY,
  name            text   NOT NULL,
  correlation_key text   NOT NULL,
  message_id      text,
  variables       text   NOT NULL,
  tenant_id       text   NOT NULL,
  publish_time    bigint NOT NULL,
  deadline        bigint NOT NULL,
  state           text   NOT NULL
);
CREATE INDEX message_buffered ON message (name, correlation_key, message_key) WHERE state = 'PUBLISHED';
CREATE INDEX message_deadline ON message (deadline) WHERE state = 'PUBLISHED';
CREATE UNIQUE INDEX message_unique_id ON message (tenant_id, name, correlation_key, message_id)
  WHERE state = 'PUBLISHED' AND message_id IS NOT NULL;

-- a message correlates at most once per BPMN process id
CREATE TABLE message_correlation (
  message_key     bigint NOT NULL,
  bpmn_process_id text   NOT NULL,
  PRIMARY KEY (message_key, bpmn_process_id)
);

-- state: CREATED (open), CORRELATING (a message was assigned, applied by the instance next),
-- CORRELATED, DELETED
CREATE TABLE message_subscription (
  subscription_key          bigint PRIMARY KEY,
  owner_key                 bigint NOT NULL,
  target_element_id         text   NOT NULL,
  process_instance_key      bigint NOT NULL,
  root_process_instance_key bigint NOT NULL,
  process_definition_key    bigint NOT NULL,
  bpmn_process_id           text   NOT NULL,
  message_name              text   NOT NULL,
  correlation_key           text   NOT NULL,
  interrupting              boolean NOT NULL,
  state                     text   NOT NULL,
  message_key               bigint,
  tenant_id                 text   NOT NULL,
  last_updated              bigint NOT NULL
);
CREATE INDEX message_subscription_open ON message_subscription (message_name, correlation_key) WHERE state = 'CREATED';
CREATE INDEX message_subscription_owner ON message_subscription (owner_key) WHERE state IN ('CREATED', 'CORRELATING');
CREATE INDEX message_subscription_correlating ON message_subscription (subscription_key) WHERE state = 'CORRELATING';

-- message start events of the latest version of each process
CREATE TABLE message_start_subscription (
  process_definition_key bigint NOT NULL,
  bpmn_process_id        text   NOT NULL,
  element_id             text   NOT NULL,
  message_name           text   NOT NULL,
  tenant_id              text   NOT NULL,
  PRIMARY KEY (process_definition_key, element_id)
);
CREATE INDEX message_start_name ON message_start_subscription (message_name);
