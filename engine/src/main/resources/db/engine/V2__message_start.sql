-- A message with a correlation key starts no second instance of a process while the instance it
-- started is still active (spec §3.8): remember which key started an instance.
ALTER TABLE process_instance ADD COLUMN start_correlation_key text;
CREATE INDEX process_instance_start_key ON process_instance (bpmn_process_id, start_correlation_key)
  WHERE state = 'ACTIVE' AND start_correlation_key IS NOT NULL;
