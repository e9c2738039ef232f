-- PostgreSQL 14 on: binary transfer and streaming of large transactions.
CREATE SUBSCRIPTION binary_streaming CONNECTION 'host=publisher.invalid dbname=shop' PUBLICATION everything
    WITH (connect = false, binary = true, streaming = on);
