-- What removing ended process instances looks up: the ended roots by age, the instances of a tree, the rows of an
-- instance in the tables that had no index on it, and the messages no longer waiting for a subscriber.
CREATE INDEX process_instance_ended_root ON process_instance (end_time)
  WHERE state <> 'ACTIVE' AND process_instance_key = root_process_instance_key;
CREATE INDEX process_instance_root ON process_instance (root_process_instance_key);
CREATE INDEX timer_process_instance ON timer (process_instance_key);
CREATE INDEX message_subscription_process_instance ON message_subscription (process_instance_key);
CREATE INDEX join_arrival_flow_scope ON join_arrival (flow_scope_key);
CREATE INDEX message_gone ON message (deadline) WHERE state <> 'PUBLISHED';
