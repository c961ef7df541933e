/// The region's reports as SQL. PostgreSQL builds the JSON itself (`json_build_object`), so
/// `antre central` passes each answer through without decoding it. Shapes follow a hall's
/// own `/api/stats` and `/api/ikm` (PROTOCOL 1.1 "Reports" and "IKM survey").
///
/// All three read `tickets`, `ticket_legs` and `surveys` by (hall, day) index ranges; none
/// touches the raw `events` log.
enum RegionQueries {
  /// `{"mean","p50","p90","max"}` of whole seconds, nearest-rank percentiles as in
  /// `QueueCore.Summary` (`percentile_disc` is nearest-rank).
  static func summary(_ x: String) -> String {
    """
    json_build_object('mean', round(avg(\(x)))::integer,
      'p50', percentile_disc(0.5) WITHIN GROUP (ORDER BY \(x)),
      'p90', percentile_disc(0.9) WITHIN GROUP (ORDER BY \(x)),
      'max', max(\(x)))
    """
  }

  /// A service nobody used in the period.
  static let emptySummary =
    "json_build_object('mean', NULL, 'p50', NULL, 'p90', NULL, 'max', NULL)"

  /// The nine answers' mean × 25 (every respondent answers all nine, so the mean of the
  /// element means equals the mean of each respondent's mean).
  static let ikmOfTotal = "round(avg(total) / 9 * 25, 2)"

  /// Whole seconds from `a` to `b`, never negative: the hall's `seconds(from:to:)`.
  static func seconds(_ a: String, _ b: String) -> String {
    "greatest(0, floor(extract(epoch FROM \(b) - \(a))))::integer"
  }

  /// A ticket's wait in its current service ends at its first call there; its service
  /// time runs from the start (or the latest call, when never started) to `done`.
  static let ticketFigures = """
    CASE WHEN coalesce(first_called_at, called_at) IS NOT NULL
      THEN \(seconds("enqueued_at", "coalesce(first_called_at, called_at)")) END AS wait_s,
    CASE WHEN state = 'done' AND finished_at IS NOT NULL
      THEN \(seconds("coalesce(started_at, called_at)", "finished_at"))
    END AS service_s
    """

  /// A leg: its wait in the service it left, and its time at the counter until the
  /// transfer.
  static let legFigures = """
    \(seconds("enqueued_at", "first_called_at")) AS wait_s,
    \(seconds("coalesce(started_at, called_at)", "transferred_at")) AS service_s,
    called_at <> first_called_at AS called_back
    """

  /// $1 hall, $2 from, $3 to (dates). No row when the hall is unknown. As the hall's own
  /// `Stats`: a transfer is an outcome of the service it left (`transferred`), its wait
  /// counts in that service's `wait_s` and its time at the counter in that counter's
  /// `service_s`.
  static let stats = """
    WITH h AS (SELECT services, counters FROM halls WHERE hall = $1),
    svc AS (
      SELECT s->>'id' AS id, s->>'name' AS name, (s->>'target_wait_s')::integer AS target, n
      FROM h, jsonb_array_elements(h.services) WITH ORDINALITY AS x(s, n)),
    ctr AS (
      SELECT (c->>'id')::integer AS id, c->>'name' AS name, n
      FROM h, jsonb_array_elements(h.counters) WITH ORDINALITY AS x(c, n)),
    t AS MATERIALIZED (
      SELECT id, service, issued_service, state, counter, officer, officer_name, issued_hour,
        called_back, \(ticketFigures)
      FROM tickets WHERE hall = $1 AND day BETWEEN $2::date AND $3::date),
    l AS MATERIALIZED (
      SELECT id, service, counter, officer, officer_name, \(legFigures)
      FROM ticket_legs WHERE hall = $1 AND day BETWEEN $2::date AND $3::date),
    sv AS (
      SELECT ticket, (u1 + u2 + u3 + u4 + u5 + u6 + u7 + u8 + u9)::numeric AS total
      FROM surveys WHERE hall = $1 AND day BETWEEN $2::date AND $3::date),
    issued AS (SELECT issued_service, count(*) AS n FROM t GROUP BY issued_service),
    arrivals AS (
      SELECT issued_service, issued_hour, count(*) AS n FROM t
      GROUP BY issued_service, issued_hour),
    waits AS (
      SELECT service, wait_s FROM t WHERE wait_s IS NOT NULL
      UNION ALL SELECT service, wait_s FROM l),
    wait_figures AS (
      SELECT service, \(summary("wait_s")) AS wait_s FROM waits GROUP BY service),
    left_figures AS (
      SELECT service, count(*) AS transferred,
        count(*) FILTER (WHERE called_back) AS called_back
      FROM l GROUP BY service),
    served AS (
      SELECT t.service, t.state, t.wait_s, t.service_s, t.called_back,
        t.wait_s <= svc.target AS within
      FROM t JOIN svc ON svc.id = t.service),
    figures AS (
      SELECT service,
        count(*) FILTER (WHERE state = 'done') AS served,
        count(*) FILTER (WHERE state = 'noshow') AS noshow,
        count(*) FILTER (WHERE state = 'cancelled') AS cancelled,
        count(*) FILTER (WHERE state = 'expired') AS expired,
        count(*) FILTER (WHERE called_back) AS called_back,
        \(summary("service_s")) AS service_s,
        CASE WHEN count(wait_s) FILTER (WHERE state = 'done') = 0 THEN NULL
          ELSE round(count(*) FILTER (WHERE state = 'done' AND within)::numeric
            / count(wait_s) FILTER (WHERE state = 'done'), 4) END AS within_target
      FROM served GROUP BY service),
    by_service AS (
      SELECT svc.n, json_build_object(
        'id', svc.id, 'name', svc.name,
        'issued', coalesce((SELECT n FROM issued WHERE issued_service = svc.id), 0),
        'served', coalesce(f.served, 0), 'noshow', coalesce(f.noshow, 0),
        'cancelled', coalesce(f.cancelled, 0), 'expired', coalesce(f.expired, 0),
        'transferred', coalesce(lf.transferred, 0),
        'called_back', coalesce(f.called_back, 0) + coalesce(lf.called_back, 0),
        'wait_s', coalesce(w.wait_s, \(emptySummary)),
        'service_s', coalesce(f.service_s, \(emptySummary)),
        'within_target', f.within_target,
        'arrivals_by_hour', (
          SELECT json_agg(coalesce(a.n, 0) ORDER BY hour)
          FROM generate_series(0, 23) AS hour
          LEFT JOIN arrivals a ON a.issued_service = svc.id AND a.issued_hour = hour)
      ) AS j
      FROM svc LEFT JOIN figures f ON f.service = svc.id
      LEFT JOIN wait_figures w ON w.service = svc.id
      LEFT JOIN left_figures lf ON lf.service = svc.id),
    -- Work at a counter or by an officer: done tickets, and legs ended by a transfer.
    work AS (
      SELECT id, counter, officer, officer_name, state, service_s FROM t
      WHERE state IN ('done', 'noshow')
      UNION ALL
      SELECT id, counter, officer, officer_name, 'transferred', service_s FROM l),
    by_counter AS (
      SELECT ctr.n, json_build_object(
        'id', ctr.id, 'name', ctr.name,
        'served', count(wk.id) FILTER (WHERE wk.state = 'done'),
        'transferred', count(wk.id) FILTER (WHERE wk.state = 'transferred'),
        'service_s', \(summary("wk.service_s"))) AS j
      FROM ctr LEFT JOIN work wk ON wk.counter = ctr.id AND wk.state <> 'noshow'
      GROUP BY ctr.n, ctr.id, ctr.name),
    by_officer AS (
      SELECT wk.officer, json_build_object(
        'id', wk.officer, 'name', max(wk.officer_name),
        'served', count(*) FILTER (WHERE wk.state = 'done'),
        'noshow', count(*) FILTER (WHERE wk.state = 'noshow'),
        'transferred', count(*) FILTER (WHERE wk.state = 'transferred'),
        'service_mean_s', round(avg(wk.service_s))::integer,
        'service_p90_s', percentile_disc(0.9) WITHIN GROUP (ORDER BY wk.service_s),
        'ikm', \(ikmOfTotal)) AS j
      FROM work wk LEFT JOIN sv ON sv.ticket = wk.id AND wk.state <> 'transferred'
      WHERE wk.officer IS NOT NULL
      GROUP BY wk.officer)
    SELECT json_build_object(
      'hall', $1::text,
      'date', CASE WHEN $2::date = $3::date THEN to_char($2::date, 'YYYY-MM-DD') END,
      'from', to_char($2::date, 'YYYY-MM-DD'), 'to', to_char($3::date, 'YYYY-MM-DD'),
      'services', coalesce((SELECT json_agg(j ORDER BY n) FROM by_service), '[]'),
      'counters', coalesce((SELECT json_agg(j ORDER BY n) FROM by_counter), '[]'),
      'officers', coalesce((SELECT json_agg(j ORDER BY officer) FROM by_officer), '[]')
    )::text AS report
    FROM h
    """

  static func ikmGroup(_ column: String, as key: String, extra: String = "") -> String {
    """
    coalesce((SELECT json_agg(json_build_object('\(key)', g.k\(extra), 'respondents', g.n,
        'ikm', g.ikm, 'band', antre_ikm_band(g.ikm)) ORDER BY g.k)
      FROM (SELECT \(column) AS k, max(officer_name) AS name, count(*) AS n,
                   \(ikmOfTotal) AS ikm
            FROM s WHERE \(column) IS NOT NULL GROUP BY \(column)) g), '[]')
    """
  }

  /// $1 hall, $2 from, $3 to. No row when the hall is unknown.
  static let ikm = """
    WITH h AS (SELECT hall FROM halls WHERE hall = $1),
    s AS (
      SELECT v.*, (v.u1 + v.u2 + v.u3 + v.u4 + v.u5 + v.u6 + v.u7 + v.u8 + v.u9)::numeric
               AS total,
             t.service, t.counter, t.officer, t.officer_name
      FROM surveys v LEFT JOIN tickets t ON t.hall = v.hall AND t.id = v.ticket
      WHERE v.hall = $1 AND v.day BETWEEN $2::date AND $3::date),
    e AS (
      SELECT count(*) AS n, avg(u1) AS u1, avg(u2) AS u2, avg(u3) AS u3, avg(u4) AS u4,
             avg(u5) AS u5, avg(u6) AS u6, avg(u7) AS u7, avg(u8) AS u8, avg(u9) AS u9,
             \(ikmOfTotal) AS ikm
      FROM s),
    served AS (
      SELECT count(*) AS n FROM tickets
      WHERE hall = $1 AND day BETWEEN $2::date AND $3::date AND state = 'done')
    SELECT json_build_object(
      'hall', $1::text,
      'from', to_char($2::date, 'YYYY-MM-DD'), 'to', to_char($3::date, 'YYYY-MM-DD'),
      'respondents', e.n,
      'elements', json_build_object(
        'u1', round(e.u1, 2), 'u2', round(e.u2, 2), 'u3', round(e.u3, 2),
        'u4', round(e.u4, 2), 'u5', round(e.u5, 2), 'u6', round(e.u6, 2),
        'u7', round(e.u7, 2), 'u8', round(e.u8, 2), 'u9', round(e.u9, 2)),
      'ikm', e.ikm, 'band', antre_ikm_band(e.ikm), 'label', antre_ikm_label(e.ikm),
      'min_sample', antre_min_sample(served.n),
      'by_service', \(ikmGroup("service", as: "service")),
      'by_counter', \(ikmGroup("counter", as: "counter")),
      'by_officer', \(ikmGroup("officer", as: "officer", extra: ", 'name', g.name"))
    )::text AS report
    FROM h, e, served
    """

  /// Every hall: its state and today's figures (today in the hall's own time zone). A hall
  /// is `silent` when it has not been heard for `$1` seconds, `lagging` when PostgreSQL
  /// lacks events the hall has (or they are older than `$1`), else `live`.
  static let halls = """
    WITH h AS (
      SELECT *, ((now() AT TIME ZONE 'UTC') + utc_offset_s * interval '1 second')::date
               AS today,
             extract(epoch FROM now() - heartbeat_at) AS unheard_s
      FROM halls),
    tt AS (
      SELECT h.hall, count(*) AS issued,
        count(*) FILTER (WHERE t.state = 'done') AS served,
        count(*) FILTER (WHERE t.state = 'waiting') AS waiting
      FROM h JOIN tickets t ON t.hall = h.hall AND t.day = h.today
      GROUP BY h.hall),
    -- Waits as in the stats: to the first call, legs left by transfer included.
    tw AS (
      SELECT w.hall, percentile_disc(0.9) WITHIN GROUP (ORDER BY w.wait_s) AS p90
      FROM (
        SELECT t.hall, \(seconds("t.enqueued_at", "coalesce(t.first_called_at, t.called_at)"))
                 AS wait_s
        FROM h JOIN tickets t ON t.hall = h.hall AND t.day = h.today
        WHERE coalesce(t.first_called_at, t.called_at) IS NOT NULL
        UNION ALL
        SELECT l.hall, \(seconds("l.enqueued_at", "l.first_called_at"))
        FROM h JOIN ticket_legs l ON l.hall = h.hall AND l.day = h.today) w
      GROUP BY w.hall),
    ik AS (
      SELECT h.hall, sum(d.respondents) AS n,
        round(sum(d.total_sum)::numeric / sum(d.respondents) / 9 * 25, 2) AS ikm
      FROM h JOIN survey_days d ON d.hall = h.hall AND d.day BETWEEN h.today - 29 AND h.today
      GROUP BY h.hall),
    st AS (
      SELECT h.hall,
        CASE WHEN h.heartbeat_at IS NULL OR h.unheard_s > $1::integer THEN 'silent'
             WHEN h.head_seq > h.last_seq OR h.lag_s > $1::integer THEN 'lagging'
             ELSE 'live' END AS state
      FROM h)
    SELECT coalesce(json_agg(json_build_object(
      'hall', h.hall, 'name', h.name,
      'state', st.state,
      'since', CASE WHEN st.state = 'silent'
                 THEN antre_rfc3339(h.heartbeat_at, h.utc_offset_s) END,
      'last_seq', h.last_seq, 'head_seq', h.head_seq,
      'last_at', antre_rfc3339(h.last_at, h.utc_offset_s),
      'lag_s', CASE WHEN h.heartbeat_at IS NULL THEN NULL
                    WHEN st.state = 'silent' THEN floor(h.unheard_s)::integer
                    ELSE h.lag_s END,
      'today', json_build_object(
        'date', to_char(h.today, 'YYYY-MM-DD'),
        'issued', coalesce(tt.issued, 0), 'served', coalesce(tt.served, 0),
        'waiting', coalesce(tt.waiting, 0), 'wait_p90_s', tw.p90,
        'target_wait_s', (SELECT max((s->>'target_wait_s')::integer)
                          FROM jsonb_array_elements(h.services) s)),
      'ikm', ik.ikm, 'band', antre_ikm_band(ik.ikm), 'ikm_respondents', coalesce(ik.n, 0)
    ) ORDER BY h.hall), '[]')::text AS report
    FROM h JOIN st ON st.hall = h.hall
    LEFT JOIN tt ON tt.hall = h.hall LEFT JOIN tw ON tw.hall = h.hall
    LEFT JOIN ik ON ik.hall = h.hall
    """
}
