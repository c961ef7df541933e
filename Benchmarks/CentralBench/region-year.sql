-- A region's year: 300 halls × 365 days × 100 tickets a day (10.95 million tickets) and a
-- survey for one done ticket in ten, written straight into the tables the region's API reads
-- (`tickets`, `surveys`, `halls`). The raw `events` log is not generated: no report reads it
-- (the shipping trigger turns each event into these rows once, as it arrives).
-- Run against a database the central schema has been migrated in (`antre central` does it).
\set ON_ERROR_STOP 1
\timing on
BEGIN;
DELETE FROM surveys WHERE hall LIKE 'region-%';
DELETE FROM tickets WHERE hall LIKE 'region-%';
DELETE FROM halls WHERE hall LIKE 'region-%';
INSERT INTO halls (hall, name, utc_offset_s, services, counters, last_seq, last_at, head_seq,
                   lag_s, heartbeat_at)
SELECT 'region-' || lpad(h::text, 3, '0'), 'Mal Pelayanan Publik ' || h, 7 * 3600,
  '[{"id":"A","name":"Kependudukan","target_wait_s":900},
    {"id":"B","name":"Perizinan","target_wait_s":900},
    {"id":"C","name":"Samsat","target_wait_s":600},
    {"id":"D","name":"BPJS Kesehatan","target_wait_s":1200}]'::jsonb,
  '[{"id":1,"name":"Loket 1"},{"id":2,"name":"Loket 2"},{"id":3,"name":"Loket 3"},
    {"id":4,"name":"Loket 4"},{"id":5,"name":"Loket 5"},{"id":6,"name":"Loket 6"}]'::jsonb,
  400 * 365, now(), 400 * 365, 0,
  -- A few halls silent, a few lagging, the rest live.
  CASE WHEN h % 50 = 0 THEN now() - interval '2 hours' ELSE now() END
FROM generate_series(1, 300) AS h;
COMMIT;

-- One statement per 30 halls, so progress shows and no transaction grows huge.
SELECT format($f$
INSERT INTO tickets (hall, id, day, number, issued_service, service, priority, state, issued_at,
                     issued_hour, enqueued_at, called_at, started_at, finished_at, counter)
SELECT hall, hall || '-' || dn || '-' || k, day,
  svc || lpad(k::text, 3, '0'), svc, svc, k %% 17 = 0,
  CASE WHEN dn = 0 AND k > 70 THEN 'waiting'
       WHEN r < 0.90 THEN 'done' WHEN r < 0.95 THEN 'noshow'
       WHEN r < 0.98 THEN 'cancelled' ELSE 'expired' END,
  issued, extract(hour FROM (issued AT TIME ZONE 'UTC') + interval '7 hours')::smallint, issued,
  CASE WHEN dn = 0 AND k > 70 THEN NULL
       WHEN r < 0.95 THEN issued + wait * interval '1 second' END,
  NULL,
  CASE WHEN dn = 0 AND k > 70 THEN NULL
       WHEN r < 0.98 THEN issued + (wait + service) * interval '1 second' END,
  CASE WHEN r < 0.95 AND NOT (dn = 0 AND k > 70) THEN 1 + k %% 6 END
FROM (
  SELECT 'region-' || lpad(h::text, 3, '0') AS hall, dn, k,
    (current_date - dn) AS day,
    chr(65 + (k %% 4)) AS svc,
    random() AS r,
    (random() * random() * 2400)::integer AS wait,
    120 + (random() * 600)::integer AS service,
    (((current_date - dn)::timestamp - interval '7 hours') AT TIME ZONE 'UTC')
      + interval '8 hours'
      + k * interval '4 minutes' + random() * interval '3 minutes' AS issued
  FROM generate_series(%s, %s) AS h, generate_series(0, 364) AS dn,
       generate_series(1, 100) AS k) x
$f$, lo, lo + 29)
FROM generate_series(1, 300, 30) AS lo
\gexec

INSERT INTO surveys (hall, ticket, at, day, u1, u2, u3, u4, u5, u6, u7, u8, u9)
SELECT hall, id, finished_at, day,
  2 + (random() * 2.2)::integer, 2 + (random() * 2.2)::integer, 2 + (random() * 2.2)::integer,
  2 + (random() * 2.2)::integer, 2 + (random() * 2.2)::integer, 2 + (random() * 2.2)::integer,
  2 + (random() * 2.2)::integer, 2 + (random() * 2.2)::integer, 2 + (random() * 2.2)::integer
FROM tickets WHERE hall LIKE 'region-%' AND state = 'done' AND random() < 0.1;

ANALYZE halls;
ANALYZE tickets;
ANALYZE surveys;
SELECT count(*) AS tickets, pg_size_pretty(pg_total_relation_size('tickets')) AS size
FROM tickets WHERE hall LIKE 'region-%';
