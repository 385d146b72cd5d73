-- A task may run again on a device (POST /api/tasks/{id}/runs): a periodic backup keeps its ring of files and its
-- counters under the one task id, so every run is a further execution of the same task on the same device.
ALTER TABLE execution ADD COLUMN run_number INT NOT NULL DEFAULT 1;
ALTER TABLE execution DROP CONSTRAINT execution_task_id_endpoint_key;
ALTER TABLE execution ADD CONSTRAINT execution_task_endpoint_run UNIQUE (task_id, endpoint, run_number);
