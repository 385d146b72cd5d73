-- What the history retention looks up: ended executions and recorded device values by age, job effects by the
-- time they took place.
CREATE INDEX execution_ended ON execution (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX device_value_history_observed ON device_value_history (observed_at);
CREATE INDEX job_effect_applied ON job_effect (applied_at);
