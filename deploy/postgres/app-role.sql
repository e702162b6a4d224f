-- The role the services connect as: it reads and writes rows and nothing more. It owns no object and can
-- create, alter or drop none; only the schema owner, the role the migration job connects as, can.
--
-- Run it as that owner, in the application database, after choosing the role's name:
--   psql "$OWNER_DATABASE_URL" -v ON_ERROR_STOP=1 -c "SET mercato.app_role = 'mercato_app'" -f app-role.sql
-- then give the role a password (psql's \password sends it hashed, keeping it out of logs and history):
--   psql "$OWNER_DATABASE_URL" -c '\password mercato_app'
-- Running it again changes nothing. Before or after the migrations, either works: default privileges
-- cover every table and sequence the owner creates later.
DO $$
DECLARE
  app   text := current_setting('mercato.app_role');
  owner text := current_user;
  db    text := current_database();
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = app) THEN
    EXECUTE format('CREATE ROLE %I LOGIN', app);
  END IF;

  -- Before PostgreSQL 15 every role may create objects in schema public. A non-owner's REVOKE only warns,
  -- so the check at the end fails loudly if this did not take.
  EXECUTE 'REVOKE CREATE ON SCHEMA public FROM PUBLIC';

  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', db, app);
  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
  -- USAGE runs nextval() for identity and serial columns; SELECT reads currval().
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app);
  -- Tables and sequences the migrations create from now on.
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', owner, app);
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I', owner, app);

  -- Refuse a role that could still change the schema, whatever it was given before.
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = app AND (rolsuper OR rolcreatedb OR rolcreaterole OR rolbypassrls)) THEN
    RAISE EXCEPTION 'role % has SUPERUSER, CREATEDB, CREATEROLE or BYPASSRLS: remove them (ALTER ROLE % NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS)', app, app;
  END IF;
  IF app = owner OR pg_has_role(app, owner, 'MEMBER') THEN
    RAISE EXCEPTION 'role % is, or is a member of, the schema owner %: pick another name for the services', app, owner;
  END IF;
  IF has_schema_privilege(app, 'public', 'CREATE') OR has_database_privilege(app, db, 'CREATE') THEN
    RAISE EXCEPTION 'role % can still create objects: as the owner of schema public run REVOKE CREATE ON SCHEMA public FROM PUBLIC (and revoke CREATE on database %)', app, db;
  END IF;
END
$$;
