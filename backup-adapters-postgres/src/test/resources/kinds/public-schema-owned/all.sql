-- Schema public with another owner, privileges of its own and a comment of its own.
DO $$ BEGIN CREATE ROLE public_owner NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE public_writer NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE public_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
ALTER SCHEMA public OWNER TO public_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO public_reader;
GRANT ALL ON SCHEMA public TO public_writer WITH GRANT OPTION;
COMMENT ON SCHEMA public IS 'the shop''s tables';
CREATE TABLE public.items (id integer PRIMARY KEY, name text);
INSERT INTO public.items VALUES (1, 'one'), (2, 'two');
