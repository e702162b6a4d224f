#!/bin/sh
# docker-compose's PostgreSQL runs this once, when it initialises an empty data volume: it creates the role
# the services connect as (app-role.sql: rows only, no schema changes) and sets its password. The migrate job
# keeps connecting as the owner, POSTGRES_USER. For a volume initialised before this script existed:
#   docker compose exec postgres sh /docker-entrypoint-initdb.d/mercato-app-role.sh
set -e
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="${POSTGRES_APP_PASSWORD:?set POSTGRES_APP_PASSWORD}" <<'SQL'
SET mercato.app_role = 'mercato_app';
\i /etc/mercato/postgres/app-role.sql
ALTER ROLE mercato_app PASSWORD :'app_password';
SQL
