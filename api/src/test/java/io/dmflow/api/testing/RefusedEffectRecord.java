package io.dmflow.api.testing;

import io.dmflow.api.database.Sql;

/**
 * PostgreSQL refuses, once, to record the effect of the job at one BPMN element (a trigger on {@code job_effect}), as
 * it would while failing over: the device has acted, dmflow fails the job and tries it again, as after a kill between
 * the device's answer and the record. Removed when closed.
 */
public final class RefusedEffectRecord implements AutoCloseable {

    private final Sql sql;

    private RefusedEffectRecord(Sql sql) {
        this.sql = sql;
    }

    /** Refuses the first record of a job of the element {@code elementId}; the later ones go through. */
    public static RefusedEffectRecord onceAt(Sql sql, String elementId) {
        if (!elementId.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("not a BPMN element id: " + elementId);
        }
        sql.update("CREATE SEQUENCE dmflow.test_refused_effect_records");
        sql.update("""
                CREATE FUNCTION dmflow.test_refuse_effect_record_once() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                  IF EXISTS (SELECT 1 FROM engine.job WHERE job_key = NEW.job_key AND element_id = '%s') THEN
                    IF nextval('dmflow.test_refused_effect_records') = 1 THEN
                      RAISE EXCEPTION 'the record of the job at %s is refused (test)';
                    END IF;
                  END IF;
                  RETURN NEW;
                END $body$""".formatted(elementId, elementId));
        sql.update("""
                CREATE TRIGGER test_refuse_effect_record_once BEFORE INSERT ON dmflow.job_effect
                FOR EACH ROW EXECUTE FUNCTION dmflow.test_refuse_effect_record_once()""");
        return new RefusedEffectRecord(sql);
    }

    /** How many records of the element's jobs were tried (the sequence does not roll back with the refusal). */
    public long attempts() {
        return sql.number("""
                SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM dmflow.test_refused_effect_records""");
    }

    @Override
    public void close() {
        sql.update("DROP TRIGGER test_refuse_effect_record_once ON dmflow.job_effect");
        sql.update("DROP FUNCTION dmflow.test_refuse_effect_record_once()");
        sql.update("DROP SEQUENCE dmflow.test_refused_effect_records");
    }
}
