-- The importer streams a task's predictions (COPY) before it has read the task's own fields, which
-- may come after the predictions in a legacy file. It reserves the task id first and inserts the
-- task row when the task object ends, inside the same transaction; the foreign key is therefore
-- checked at commit (SET CONSTRAINTS ... DEFERRED) in import transactions, immediately elsewhere.
-- [jooq ignore start]
ALTER TABLE predictions ALTER CONSTRAINT predictions_task_fk DEFERRABLE INITIALLY IMMEDIATE;
-- [jooq ignore stop]
