-- Default privileges on large objects (PostgreSQL 18 on; database-wide only), and a large object that took them.
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_owner
    GRANT SELECT ON LARGE OBJECTS TO lifeboat_kind_defacl_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_admin
    GRANT SELECT, UPDATE ON LARGE OBJECTS TO "lifeboat kind defacl Writer" WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_admin REVOKE UPDATE ON LARGE OBJECTS FROM lifeboat_kind_defacl_admin;
SET ROLE lifeboat_kind_defacl_owner;
SELECT pg_catalog.lo_from_bytea(0, '\x6c696665626f6174'::bytea);
RESET ROLE;
