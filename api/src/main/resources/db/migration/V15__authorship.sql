-- Who made a task, a template change or a credential change: the signed-in user's name, or 'dmflow' for what the
-- application does by itself. Rows from before access control have none.
ALTER TABLE task ADD COLUMN created_by VARCHAR(100);
ALTER TABLE task_template ADD COLUMN created_by VARCHAR(100);
ALTER TABLE task_template ADD COLUMN updated_by VARCHAR(100);
ALTER TABLE device_credentials ADD COLUMN updated_by VARCHAR(100);
