-- Triggers of partitioned tables whose clones on some partitions are enabled differently from the parent's.
CREATE SCHEMA trg;
CREATE FUNCTION trg.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := coalesce(NEW.note, '') || '+'; RETURN NEW; END $$;
CREATE FUNCTION trg.audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;

CREATE TABLE trg.orders (id integer, region text, note text) PARTITION BY LIST (region);
CREATE TABLE trg.orders_north PARTITION OF trg.orders FOR VALUES IN ('north');
CREATE TABLE trg.orders_south PARTITION OF trg.orders FOR VALUES IN ('south');
CREATE TABLE trg.orders_east PARTITION OF trg.orders FOR VALUES IN ('east');
CREATE TABLE trg.orders_west PARTITION OF trg.orders FOR VALUES IN ('west') PARTITION BY RANGE (id);
CREATE TABLE trg.orders_west_low PARTITION OF trg.orders_west FOR VALUES FROM (0) TO (100);
CREATE TABLE trg.orders_west_high PARTITION OF trg.orders_west FOR VALUES FROM (100) TO (1000);

CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON trg.orders FOR EACH ROW EXECUTE FUNCTION trg.touch();
CREATE TRIGGER orders_audit AFTER INSERT ON trg.orders FOR EACH ROW EXECUTE FUNCTION trg.audit();
COMMENT ON TRIGGER orders_touch ON trg.orders IS 'appends a plus';

-- clones that differ from an enabled parent trigger
ALTER TABLE trg.orders_north DISABLE TRIGGER orders_touch;
ALTER TABLE trg.orders_south ENABLE REPLICA TRIGGER orders_touch;
ALTER TABLE trg.orders_east ENABLE ALWAYS TRIGGER orders_touch;
-- a disabled parent trigger whose clone on one partition is enabled again
ALTER TABLE trg.orders DISABLE TRIGGER orders_audit;
ALTER TABLE trg.orders_north ENABLE TRIGGER orders_audit;
-- a sub-partitioned partition: its clone differs from the parent's, and a leaf's from its own parent's
ALTER TABLE trg.orders_west ENABLE ALWAYS TRIGGER orders_audit;
ALTER TABLE trg.orders_west_high DISABLE TRIGGER orders_audit;
ALTER TABLE trg.orders_west_low ENABLE REPLICA TRIGGER orders_touch;

-- a partition's own trigger, disabled
CREATE TRIGGER south_only BEFORE UPDATE ON trg.orders_south FOR EACH ROW EXECUTE FUNCTION trg.touch();
ALTER TABLE trg.orders_south DISABLE TRIGGER south_only;

INSERT INTO trg.orders VALUES (1, 'north', 'a'), (2, 'south', 'b'), (3, 'east', 'c'), (4, 'west', 'd'), (500, 'west', 'e');
