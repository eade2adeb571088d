-- Two parts; the mutation fails on the part of k = 2 while the switch table says so, and ClickHouse
-- retries it at once (no back-off) until it succeeds. A mutation runs without a current database:
-- the switch table is named with its database.
CREATE TABLE IF NOT EXISTS m (k UInt8, v UInt64) ENGINE = MergeTree ORDER BY k
    SETTINGS max_postpone_time_for_failed_mutations_ms = 0;
INSERT INTO m SELECT 1, 1 FROM numbers(1000);
INSERT INTO m SELECT 2, 1 FROM numbers(1000);
SET allow_nondeterministic_mutations = 1;
ALTER TABLE m UPDATE v = v + 1 WHERE throwIf(k = 2 AND joinGet('${database}.sw', 'fail', toUInt8(0)) = 1) = 0;
