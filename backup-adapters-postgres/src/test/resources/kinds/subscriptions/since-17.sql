-- PostgreSQL 17 on: failover slots.
CREATE SUBSCRIPTION with_failover CONNECTION 'host=publisher.invalid dbname=shop' PUBLICATION everything
    WITH (connect = false, failover = true, streaming = off);
