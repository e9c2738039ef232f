-- An extension whose configuration table and sequence hold the user's data: the rows the extension marked as the
-- user's (WHERE NOT standard) come back after CREATE EXTENSION has made its standard rows, never twice; a table
-- registered without a condition comes back whole; the sequence gets its value.
CREATE SCHEMA settings_ext;
CREATE EXTENSION lifeboat_test_settings;
INSERT INTO settings_ext.setting (id, name, value) VALUES (10, 'greeting', 'hello'), (11, 'farewell', NULL),
    (12, 'tab', E'a\tb');
INSERT INTO settings_ext.audit VALUES ('2026-01-01 10:00:00+00', 'installed'), ('2026-01-02 11:00:00+00', NULL);
SELECT nextval('settings_ext.ticket') FROM generate_series(1, 17);
CREATE TABLE public.uses_settings (id integer PRIMARY KEY, greeting text DEFAULT settings_ext.lookup('greeting'));
INSERT INTO public.uses_settings (id) VALUES (1), (2);
