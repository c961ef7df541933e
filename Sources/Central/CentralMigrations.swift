import HallWire
import Postgres

/// The central PostgreSQL schema, as numbered migrations, like the hall's (Storage's
/// `Migrations`): migration `n` brings `central_schema.version` from n-1 to n, each in one
/// transaction under an advisory lock, so halls and `antre central` starting together
/// migrate once. Never edit a shipped migration; append a new one.
///
/// How the region's queries stay fast over 300 halls × a year:
/// - `events` is the raw log, hash-partitioned by hall; its key (hall, seq) serves both the
///   idempotent insert and "the last seq for this hall".
/// - A trigger keeps `tickets` (one row per ticket, times as columns) and `surveys` up to
///   date as each event is inserted for the first time, so reports never parse JSON.
/// - Reports read `tickets` and `surveys` through (hall, day) indexes: one hall's year is
///   one index range scan, and the region's "today" is 300 small ranges.
/// - `survey_days` rolls the answers up per hall and day for the region's 30-day IKM.
///   Ticket figures are not rolled up: percentiles over a period cannot be summed from
///   daily ones, and the hall computes them exactly.
public enum CentralMigrations {
  public static let all: [String] = [
    // 1: the initial schema.
    """
    CREATE TABLE halls (
      hall text PRIMARY KEY CHECK (hall ~ '^[a-z0-9-]{1,32}$'),
      name text NOT NULL,
      utc_offset_s integer NOT NULL,
      -- [{"id","name","target_wait_s"}] and [{"id","name"}], from the hall file.
      services jsonb NOT NULL,
      counters jsonb NOT NULL,
      -- The highest seq stored here, and when that event happened.
      last_seq bigint NOT NULL DEFAULT 0,
      last_at timestamptz,
      -- What the hall reported at its latest heartbeat: its own last seq and its lag.
      head_seq bigint NOT NULL DEFAULT 0,
      lag_s integer NOT NULL DEFAULT 0,
      heartbeat_at timestamptz
    );

    CREATE TABLE events (
      hall text NOT NULL,
      seq bigint NOT NULL,
      at timestamptz NOT NULL,
      type text NOT NULL,
      box text,
      body jsonb NOT NULL,
      PRIMARY KEY (hall, seq)
    ) PARTITION BY HASH (hall);
    CREATE TABLE events_p0 PARTITION OF events FOR VALUES WITH (MODULUS 8, REMAINDER 0);
    CREATE TABLE events_p1 PARTITION OF events FOR VALUES WITH (MODULUS 8, REMAINDER 1);
    CREATE TABLE events_p2 PARTITION OF events FOR VALUES WITH (MODULUS 8, REMAINDER 2);
    CREATE TABLE events_p3 PARTITION OF events FOR VALUES WITH (MODULUS 8, REMAINDER 3);
    CREATE TABLE events_p4 PARTITION OF events FOR VALUES WITH (MODULUS 8, REMAINDER 4);
    CREATE TABLE events_p5 PARTITION OF events FOR VALUES WITH (MODULUS 8, REMAINDER 5);
    CREATE TABLE events_p6 PARTITION OF events FOR VALUES WITH (MODULUS 8, REMAINDER 6);
    CREATE TABLE events_p7 PARTITION OF events FOR VALUES WITH (MODULUS 8, REMAINDER 7);

    CREATE TABLE tickets (
      hall text NOT NULL,
      id text NOT NULL,
      day date NOT NULL,
      number text NOT NULL,
      issued_service text NOT NULL,
      service text NOT NULL,
      priority boolean NOT NULL,
      state text NOT NULL,
      issued_at timestamptz NOT NULL,
      -- Hour of issue in the hall's time, for arrivals_by_hour.
      issued_hour smallint NOT NULL,
      enqueued_at timestamptz NOT NULL,
      called_at timestamptz,
      started_at timestamptz,
      finished_at timestamptz,
      counter integer,
      officer text,
      officer_name text,
      PRIMARY KEY (hall, id)
    );
    CREATE INDEX tickets_by_hall_day ON tickets (hall, day);

    CREATE TABLE surveys (
      hall text NOT NULL,
      ticket text NOT NULL,
      at timestamptz NOT NULL,
      day date NOT NULL,
      u1 smallint NOT NULL, u2 smallint NOT NULL, u3 smallint NOT NULL,
      u4 smallint NOT NULL, u5 smallint NOT NULL, u6 smallint NOT NULL,
      u7 smallint NOT NULL, u8 smallint NOT NULL, u9 smallint NOT NULL,
      comment text,
      respondent jsonb,
      PRIMARY KEY (hall, ticket)
    );
    CREATE INDEX surveys_by_hall_day ON surveys (hall, day);

    -- The hall's wire times carry its offset: "2026-11-28T09:15:02+07:00".
    CREATE FUNCTION antre_local_day(text) RETURNS date IMMUTABLE LANGUAGE sql
      AS $$ SELECT left($1, 10)::date $$;

    CREATE FUNCTION antre_rfc3339(t timestamptz, offset_s integer) RETURNS text
      IMMUTABLE LANGUAGE sql AS $$
      SELECT to_char((t AT TIME ZONE 'UTC') + offset_s * interval '1 second',
                     'YYYY-MM-DD"T"HH24:MI:SS')
        || CASE WHEN offset_s < 0 THEN '-' ELSE '+' END
        || to_char(make_interval(secs => abs(offset_s)), 'HH24:MI')
    $$;

    -- PermenPANRB 14/2017 bands.
    CREATE FUNCTION antre_ikm_band(ikm numeric) RETURNS text IMMUTABLE LANGUAGE sql AS $$
      SELECT CASE WHEN ikm IS NULL THEN NULL WHEN ikm >= 88.31 THEN 'A'
        WHEN ikm >= 76.61 THEN 'B' WHEN ikm >= 65.00 THEN 'C' ELSE 'D' END
    $$;
    CREATE FUNCTION antre_ikm_label(ikm numeric) RETURNS text IMMUTABLE LANGUAGE sql AS $$
      SELECT CASE antre_ikm_band(ikm) WHEN 'A' THEN 'Sangat Baik' WHEN 'B' THEN 'Baik'
        WHEN 'C' THEN 'Kurang Baik' WHEN 'D' THEN 'Tidak Baik' END
    $$;
    -- Krejcie–Morgan: chi-square 3.841 (1 df, 95%), P = 0.5, margin 0.05.
    CREATE FUNCTION antre_min_sample(n bigint) RETURNS integer IMMUTABLE LANGUAGE sql AS $$
      SELECT CASE WHEN n <= 0 THEN 0 ELSE
        ceil(3.841 * n * 0.25 / (0.0025 * (n - 1) + 3.841 * 0.25))::integer END
    $$;

    -- Applies an event to `tickets` / `surveys` the first time it is stored; a duplicate
    -- (ON CONFLICT DO NOTHING) fires nothing, so shipping twice changes nothing.
    CREATE FUNCTION antre_apply_event() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      t jsonb := NEW.body -> 'ticket';
      c jsonb := NEW.body -> 'counter';
    BEGIN
      IF NEW.type = 'issued' THEN
        INSERT INTO tickets (hall, id, day, number, issued_service, service, priority, state,
                             issued_at, issued_hour, enqueued_at)
        VALUES (NEW.hall, t->>'id', antre_local_day(t->>'issued_at'), t->>'number',
                substring(t->>'number' FROM '^[A-Z]+'), t->>'service',
                coalesce((t->>'priority')::boolean, false), t->>'state', NEW.at,
                substr(t->>'issued_at', 12, 2)::smallint, NEW.at)
        ON CONFLICT (hall, id) DO NOTHING;
      ELSIF NEW.type = 'called' THEN
        UPDATE tickets SET
          state = t->>'state',
          counter = (t->>'counter')::integer,
          called_at = CASE WHEN coalesce((NEW.body->>'recall')::boolean, false)
                           AND called_at IS NOT NULL THEN called_at ELSE NEW.at END,
          officer = coalesce(t->'officer'->>'id', officer),
          officer_name = coalesce(t->'officer'->>'name', officer_name)
        WHERE hall = NEW.hall AND id = t->>'id';
      ELSIF NEW.type = 'finished' THEN
        UPDATE tickets SET state = t->>'state', finished_at = NEW.at,
          counter = coalesce((t->>'counter')::integer, counter)
        WHERE hall = NEW.hall AND id = t->>'id';
      ELSIF NEW.type = 'transferred' THEN
        UPDATE tickets SET state = 'waiting', service = t->>'service', enqueued_at = NEW.at,
          called_at = NULL, started_at = NULL, counter = NULL
        WHERE hall = NEW.hall AND id = t->>'id';
      ELSIF NEW.type = 'counter' AND c->'ticket'->>'state' = 'serving' THEN
        UPDATE tickets SET state = 'serving', started_at = coalesce(started_at, NEW.at)
        WHERE hall = NEW.hall AND id = c->'ticket'->>'id';
      ELSIF NEW.type = 'survey' THEN
    \(insertSurvey)
      END IF;
      RETURN NULL;
    END
    $$;
    CREATE TRIGGER events_apply AFTER INSERT ON events
      FOR EACH ROW EXECUTE FUNCTION antre_apply_event();
    """,
    // 2: a daily roll-up of survey answers. The region's list shows every hall's IKM over
    // 30 days; summing 30 rows per hall replaces reading every answer. Exact: a period's
    // IKM is the sum of the answers' totals over their count, / 9 × 25.
    """
    CREATE TABLE survey_days (
      hall text NOT NULL,
      day date NOT NULL,
      respondents integer NOT NULL,
      total_sum bigint NOT NULL,
      PRIMARY KEY (hall, day)
    );
    INSERT INTO survey_days (hall, day, respondents, total_sum)
    SELECT hall, day, count(*), sum(u1 + u2 + u3 + u4 + u5 + u6 + u7 + u8 + u9)
    FROM surveys GROUP BY hall, day;

    CREATE FUNCTION antre_roll_up_survey() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO survey_days (hall, day, respondents, total_sum)
      VALUES (NEW.hall, NEW.day, 1,
              NEW.u1 + NEW.u2 + NEW.u3 + NEW.u4 + NEW.u5 + NEW.u6 + NEW.u7 + NEW.u8 + NEW.u9)
      ON CONFLICT (hall, day) DO UPDATE SET
        respondents = survey_days.respondents + 1,
        total_sum = survey_days.total_sum + EXCLUDED.total_sum;
      RETURN NULL;
    END
    $$;
    CREATE TRIGGER surveys_roll_up AFTER INSERT ON surveys
      FOR EACH ROW EXECUTE FUNCTION antre_roll_up_survey();
    """,
    // 3: first calls, call-backs and transfer legs, as the hall's own statistics count them
    // (CentralMigrations+Legs.swift).
    CentralMigrations.legs,
  ]

  /// A `survey` event's answers as a `surveys` row, in migration 1's trigger and again in
  /// migration 3's: one text, so the two cannot drift apart.
  static let insertSurvey = """
        INSERT INTO surveys (hall, ticket, at, day, u1, u2, u3, u4, u5, u6, u7, u8, u9,
                             comment, respondent)
        VALUES (NEW.hall, NEW.body->>'ticket', NEW.at, antre_local_day(NEW.body->>'at'),
                (NEW.body->>'u1')::smallint, (NEW.body->>'u2')::smallint,
                (NEW.body->>'u3')::smallint, (NEW.body->>'u4')::smallint,
                (NEW.body->>'u5')::smallint, (NEW.body->>'u6')::smallint,
                (NEW.body->>'u7')::smallint, (NEW.body->>'u8')::smallint,
                (NEW.body->>'u9')::smallint, NEW.body->>'comment', NEW.body->'respondent')
        ON CONFLICT (hall, ticket) DO NOTHING;
    """

  /// Brings the database at the other end of `connection` up to date.
  public static func migrate(_ connection: PostgresConnection) throws(PostgresError) {
    try connection.executeScript(
      "CREATE TABLE IF NOT EXISTS central_schema (version integer NOT NULL)")
    for index in all.indices {
      try connection.executeScript("BEGIN")
      do throws(PostgresError) {
        // One migrator at a time; the others wait here, then find the work done.
        try connection.execute("SELECT pg_advisory_xact_lock(7263101)")
        let version =
          Int(try connection.execute("SELECT max(version) FROM central_schema").scalar ?? "0") ?? 0
        guard version <= all.count else {
          throw .unexpectedResult(
            "central schema version \(version) is newer than this program's \(all.count)")
        }
        if version == index {
          try connection.executeScript(all[index])
          try connection.execute("DELETE FROM central_schema")
          try connection.execute("INSERT INTO central_schema VALUES ($1)", [String(index + 1)])
        }
        try connection.executeScript("COMMIT")
      } catch {
        try? connection.executeScript("ROLLBACK")
        throw error
      }
    }
  }
}
