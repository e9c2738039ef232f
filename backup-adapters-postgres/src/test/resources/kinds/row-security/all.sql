-- Row-level security: enabled and forced tables, permissive and restrictive policies for each command, policies
-- for roles and for PUBLIC, with comments.
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_tenant NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE SCHEMA tenancy;
CREATE TABLE tenancy.documents (id integer PRIMARY KEY, tenant text NOT NULL, body text, public boolean);
ALTER TABLE tenancy.documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenancy.documents FORCE ROW LEVEL SECURITY;
CREATE POLICY own_tenant ON tenancy.documents USING (tenant = current_user);
CREATE POLICY readable ON tenancy.documents AS PERMISSIVE FOR SELECT TO PUBLIC USING (public);
CREATE POLICY no_empty ON tenancy.documents AS RESTRICTIVE FOR INSERT TO lifeboat_kind_tenant
    WITH CHECK (body <> '');
CREATE POLICY edits ON tenancy.documents FOR UPDATE TO lifeboat_kind_tenant USING (tenant = current_user)
    WITH CHECK (tenant = current_user);
CREATE POLICY removals ON tenancy.documents FOR DELETE USING (false);
COMMENT ON POLICY own_tenant ON tenancy.documents IS 'each tenant sees its own documents';
GRANT SELECT, INSERT, UPDATE ON tenancy.documents TO lifeboat_kind_tenant;
INSERT INTO tenancy.documents VALUES (1, 'a', 'first', true), (2, 'b', 'second', false), (3, 'a', NULL, NULL);

CREATE TABLE tenancy.only_enabled (id integer);
ALTER TABLE tenancy.only_enabled ENABLE ROW LEVEL SECURITY;
INSERT INTO tenancy.only_enabled VALUES (1);
