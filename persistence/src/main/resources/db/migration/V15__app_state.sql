-- Small facts about this database's life that the application must remember, e.g. that the shipped
-- sample sessions were imported once (so that they are never imported again, even after the user
-- deleted them).
CREATE TABLE app_state (
    state_key   VARCHAR     NOT NULL CONSTRAINT app_state_pk PRIMARY KEY,
    state_value VARCHAR     NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
