-- Live change feed: every change to a session or a task raises NOTIFY on the channel
-- 'evalstation_changes' with a JSON payload {"kind","op","id","session_id","version"}.
-- PL/pgSQL is skipped by jOOQ's DDL parser (it generates no code from functions or triggers).

-- [jooq ignore start]
CREATE FUNCTION evalstation_notify_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    rec RECORD;
BEGIN
    IF TG_OP = 'DELETE' THEN
        rec := OLD;
    ELSE
        rec := NEW;
    END IF;
    IF TG_TABLE_NAME = 'evaluation_sessions' THEN
        PERFORM pg_notify('evalstation_changes', json_build_object(
            'kind', 'session', 'op', lower(TG_OP), 'id', rec.session_id,
            'session_id', rec.session_id, 'version', rec.row_version)::text);
    ELSE
        PERFORM pg_notify('evalstation_changes', json_build_object(
            'kind', 'task', 'op', lower(TG_OP), 'id', rec.task_id,
            'session_id', rec.session_id, 'version', rec.row_version)::text);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION evalstation_touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER evaluation_sessions_notify
    AFTER INSERT OR UPDATE OR DELETE ON evaluation_sessions
    FOR EACH ROW EXECUTE FUNCTION evalstation_notify_change();

CREATE TRIGGER evaluation_tasks_notify
    AFTER INSERT OR UPDATE OR DELETE ON evaluation_tasks
    FOR EACH ROW EXECUTE FUNCTION evalstation_notify_change();

CREATE TRIGGER evaluation_sessions_touch
    BEFORE UPDATE ON evaluation_sessions
    FOR EACH ROW EXECUTE FUNCTION evalstation_touch_updated_at();

CREATE TRIGGER evaluation_tasks_touch
    BEFORE UPDATE ON evaluation_tasks
    FOR EACH ROW EXECUTE FUNCTION evalstation_touch_updated_at();

CREATE TRIGGER models_touch
    BEFORE UPDATE ON models
    FOR EACH ROW EXECUTE FUNCTION evalstation_touch_updated_at();

CREATE TRIGGER datasets_touch
    BEFORE UPDATE ON datasets
    FOR EACH ROW EXECUTE FUNCTION evalstation_touch_updated_at();
-- [jooq ignore stop]
