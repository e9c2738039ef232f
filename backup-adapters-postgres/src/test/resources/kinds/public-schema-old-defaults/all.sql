-- Schema public as the old servers made it (CREATE for PUBLIC, the bootstrap superuser as its owner) whatever the
-- server, then without its comment.
ALTER SCHEMA public OWNER TO postgres;
GRANT ALL ON SCHEMA public TO PUBLIC;
COMMENT ON SCHEMA public IS NULL;
CREATE TABLE public.notes (id integer, body text);
INSERT INTO public.notes VALUES (1, 'a');
