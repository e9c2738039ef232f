-- Access methods: index methods (one with an operator class of its own, with STORAGE and a FOR ORDER BY operator,
-- one that nothing uses) and a table method, used by a table, a materialized view and an index; with comments. Access methods have no
-- owner and no privileges.
CREATE SCHEMA storage;
CREATE ACCESS METHOD gist2 TYPE INDEX HANDLER gisthandler;
CREATE ACCESS METHOD "Btree Copy" TYPE INDEX HANDLER bthandler;
CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
COMMENT ON ACCESS METHOD gist2 IS 'a second gist';
COMMENT ON ACCESS METHOD heap2 IS 'a second heap';

CREATE OPERATOR CLASS storage.point_ops2 DEFAULT FOR TYPE point USING gist2 AS
    STORAGE box,
    OPERATOR 1 <<(point, point), OPERATOR 5 >>(point, point), OPERATOR 6 ~=(point, point),
    OPERATOR 28 <@(point, box),
    OPERATOR 15 <->(point, point) FOR ORDER BY pg_catalog.float_ops,
    FUNCTION 1 pg_catalog.gist_point_consistent(internal, point, smallint, oid, internal),
    FUNCTION 2 pg_catalog.gist_box_union(internal, internal),
    FUNCTION 3 pg_catalog.gist_point_compress(internal),
    FUNCTION 5 pg_catalog.gist_box_penalty(internal, internal, internal),
    FUNCTION 6 pg_catalog.gist_box_picksplit(internal, internal),
    FUNCTION 7 pg_catalog.gist_box_same(box, box, internal),
    FUNCTION 8 pg_catalog.gist_point_distance(internal, point, smallint, oid, internal),
    FUNCTION 9 pg_catalog.gist_point_fetch(internal);
COMMENT ON OPERATOR CLASS storage.point_ops2 USING gist2 IS 'points in a second gist';

CREATE TABLE storage.places (id integer PRIMARY KEY, at point, label text) USING heap2;
INSERT INTO storage.places VALUES (1, '(0,0)', 'origin'), (2, '(3,4)', 'three four'), (3, NULL, 'nowhere');
CREATE INDEX places_at ON storage.places USING gist2 (at);
CREATE MATERIALIZED VIEW storage.labelled USING heap2 AS SELECT id, label FROM storage.places WHERE at IS NOT NULL;
CREATE TABLE storage.plain (id integer);
INSERT INTO storage.plain VALUES (1);
