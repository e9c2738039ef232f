-- Subscriptions, made without connecting to a publisher (connect = false): with the default slot, without one, with a
-- slot of another name; with a password in the connection string, several publications, synchronous_commit; with a
-- comment and an owner (a superuser, which PostgreSQL 13 to 15 require).
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_subscriber SUPERUSER NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE TABLE public.replicated (id integer PRIMARY KEY, value text);
INSERT INTO public.replicated VALUES (1, 'one'), (2, 'two');
CREATE SUBSCRIPTION plain_sub
    CONNECTION 'host=publisher.invalid port=5432 dbname=shop user=replicator password=Subscription-Secret-1'
    PUBLICATION everything WITH (connect = false);
CREATE SUBSCRIPTION no_slot CONNECTION 'host=publisher.invalid dbname=shop' PUBLICATION "Mixed Case", other
    WITH (connect = false, slot_name = NONE, synchronous_commit = 'local');
CREATE SUBSCRIPTION "Own Slot" CONNECTION 'dbname=shop application_name=''lifeboat test''' PUBLICATION p
    WITH (connect = false, slot_name = 'custom_slot', enabled = false);
COMMENT ON SUBSCRIPTION plain_sub IS 'orders from the shop';
ALTER SUBSCRIPTION plain_sub OWNER TO lifeboat_kind_subscriber;
