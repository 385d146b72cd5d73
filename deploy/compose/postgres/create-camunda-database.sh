#!/bin/bash
# Runs once, when the PostgreSQL volume is new: Camunda's secondary storage gets a database and a role of its own
# beside dmflow's (POSTGRES_DB). The password comes from CAMUNDA_DB_PASSWORD in the container's environment.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=password="$CAMUNDA_DB_PASSWORD" <<'SQL'
CREATE ROLE camunda LOGIN PASSWORD :'password';
CREATE DATABASE camunda OWNER camunda;
SQL
