CREATE FUNCTION keyed.order_lines() RETURNS TABLE (id integer, customer text, total numeric)
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT o.id, o.customer, sum(o.amount) FROM keyed.orders o GROUP BY o.id ORDER BY o.id;
END;
COMMENT ON FUNCTION keyed.order_lines() IS 'one line per order, grouped by its key';
CREATE FUNCTION keyed.note_order() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO keyed.audit SELECT count(*), 'orders' FROM keyed.order_lines(); RETURN NEW; END $$;
CREATE TRIGGER orders_noted AFTER INSERT ON keyed.orders FOR EACH ROW EXECUTE FUNCTION keyed.note_order();
CREATE PROCEDURE keyed.reprice(factor numeric)
    LANGUAGE sql
BEGIN ATOMIC
    UPDATE keyed.orders SET amount = amount * factor WHERE id IN (SELECT o.id FROM keyed.orders o GROUP BY o.id);
END;
