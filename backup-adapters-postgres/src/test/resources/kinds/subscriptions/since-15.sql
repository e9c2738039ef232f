-- PostgreSQL 15 on: two-phase commit and disabling on error.
CREATE SUBSCRIPTION two_phase CONNECTION 'host=publisher.invalid dbname=shop' PUBLICATION everything
    WITH (connect = false, two_phase = on, disable_on_error = true);
