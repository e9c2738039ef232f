-- PostgreSQL 16 on: origin, run_as_owner, password_required and parallel streaming.
CREATE SUBSCRIPTION local_only CONNECTION 'host=publisher.invalid dbname=shop' PUBLICATION everything
    WITH (connect = false, origin = none, run_as_owner = true, password_required = false, streaming = parallel);
ALTER SUBSCRIPTION local_only OWNER TO lifeboat_kind_subscriber;
