-- Terminating a call activity looks up the instance it started; monitoring looks up incidents by root.
CREATE INDEX process_instance_parent_element ON process_instance (parent_element_instance_key)
  WHERE parent_element_instance_key IS NOT NULL;
CREATE INDEX incident_root ON incident (root_process_instance_key) WHERE state = 'ACTIVE';
