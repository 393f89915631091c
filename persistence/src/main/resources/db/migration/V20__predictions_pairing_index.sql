-- Analytics (V20–V29). Pairing two runs' predictions (paired comparison, the Predictions view's
-- pages) reads only sample id, filter, correctness and prompt hash of up to 100,000 samples per
-- run. A covering index lets PostgreSQL read both runs in (sample_id, filter) order from the index
-- alone (index-only scans, no visits to the wide predictions heap). Measured in BENCHMARKS.md.
-- [jooq ignore start]
CREATE INDEX idx_predictions_pairing ON predictions (task_id, sample_id, filter) INCLUDE (correct, prompt_hash);
-- [jooq ignore stop]
