-- PostgreSQL 18's NOT NULL constraints: named, NO INHERIT, NOT VALID over rows that hold NULLs, commented, inherited
-- by a child's own column without being its own (pg_dump's test_table_generated_child2), made its own on an
-- inherited column, validated in a child while NOT VALID in its parent, on partitions attached with names of their
-- own, NOT VALID on a partitioned table, and on a child whose columns another order than INHERITS gives.
CREATE TABLE nn.accounts (id integer CONSTRAINT accounts_id_required NOT NULL, owner text NOT NULL NO INHERIT,
    email text, note text);
COMMENT ON CONSTRAINT accounts_id_required ON nn.accounts IS 'every account has an id';
INSERT INTO nn.accounts VALUES (1, 'ann', NULL, NULL), (2, 'bob', 'bob@example.com', 'n');
ALTER TABLE nn.accounts ADD CONSTRAINT accounts_email_present NOT NULL email NOT VALID;
COMMENT ON CONSTRAINT accounts_email_present ON nn.accounts IS 'older accounts may lack one';
ALTER TABLE nn.accounts ADD CONSTRAINT accounts_note_kept NOT NULL note NO INHERIT NOT VALID;
-- made after the NOT VALID constraint: the child's copy of it is valid
CREATE TABLE nn.accounts_archive (id integer, extra text) INHERITS (nn.accounts);
COMMENT ON CONSTRAINT accounts_email_present ON nn.accounts_archive IS 'valid here';
CREATE TABLE nn.accounts_local (id integer CONSTRAINT accounts_local_id NOT NULL) INHERITS (nn.accounts);
CREATE TABLE nn.accounts_marked () INHERITS (nn.accounts);
ALTER TABLE nn.accounts_marked ALTER COLUMN id SET NOT NULL;
ALTER TABLE nn.accounts_marked ADD CONSTRAINT accounts_marked_owner NOT NULL owner;
COMMENT ON CONSTRAINT accounts_id_required ON nn.accounts_marked IS 'inherited and its own';
INSERT INTO nn.accounts_archive (id, owner, email, extra) VALUES (3, 'cid', 'cid@example.com', 'x');
INSERT INTO nn.accounts_marked (id, owner, email) VALUES (4, 'dee', 'dee@example.com');

CREATE TABLE nn.readings_2025 (at date CONSTRAINT readings_2025_at NOT NULL, sensor integer, value numeric);
ALTER TABLE nn.readings ATTACH PARTITION nn.readings_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE nn.readings_2026 PARTITION OF nn.readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
ALTER TABLE ONLY nn.readings_2026 ALTER COLUMN at SET NOT NULL;
INSERT INTO nn.readings VALUES ('2025-02-01', 2, 2.5), ('2026-02-01', 3, 3.5);

CREATE TABLE nn.logs (id integer, body text) PARTITION BY LIST (id);
CREATE TABLE nn.logs_1 PARTITION OF nn.logs FOR VALUES IN (1);
INSERT INTO nn.logs VALUES (1, NULL);
ALTER TABLE nn.logs ADD CONSTRAINT logs_body_present NOT NULL body NOT VALID;
CREATE TABLE nn.logs_2 PARTITION OF nn.logs FOR VALUES IN (2);
INSERT INTO nn.logs VALUES (2, 'two');

-- a child's own column whose NOT NULL is its parent's alone, after the parent got another column
CREATE TABLE nn.shapes (id integer NOT NULL, kind text);
CREATE TABLE nn.circles (id integer, radius numeric) INHERITS (nn.shapes);
ALTER TABLE nn.shapes ADD COLUMN area numeric;
INSERT INTO nn.circles (id, radius, area) VALUES (1, 2, 12.5);
