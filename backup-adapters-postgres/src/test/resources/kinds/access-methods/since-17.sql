-- A partitioned table with an access method of its own, which its partitions take (PostgreSQL 17).
CREATE TABLE storage.events (id integer, at date NOT NULL) PARTITION BY RANGE (at) USING heap2;
CREATE TABLE storage.events_2024 PARTITION OF storage.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE storage.events_2025 PARTITION OF storage.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') USING heap;
INSERT INTO storage.events VALUES (1, '2024-05-01'), (2, '2025-02-03');
