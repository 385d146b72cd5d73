-- The input collection of a multi-instance body, as evaluated when the body activated: the inner
-- instances iterate over it even when they change the variables the expression read.
CREATE TABLE multi_instance_input (
  body_key bigint PRIMARY KEY,
  items    text   NOT NULL
);
