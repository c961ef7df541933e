extension CentralMigrations {
  /// 3: the figures of the hall's own `Stats` (README, "Decisions on calling"). A wait ends
  /// at the ticket's first call in its service (`first_called_at`; a no-show called back
  /// keeps it, and is marked `called_back`); a transfer ends a leg (`ticket_legs`), an
  /// outcome of the service it left, whose wait counts there and whose time at the counter
  /// counts at that counter. The hall emits nothing at `start`: a done ticket's start comes
  /// from the `started_at` its `finished` event carries, a leg's from the `transferred`
  /// event's `from_started_at`.
  ///
  /// The trigger's work moves into `antre_apply_ticket_event`, which this migration also
  /// replays over the stored log (in seq order per hall) to rebuild `tickets` and fill
  /// `ticket_legs` exactly: rows written by migration 1's trigger lack the first call and
  /// the legs, which no column of theirs can restore. Surveys are left as they are.
  static let legs = """
    ALTER TABLE tickets
      ADD COLUMN first_called_at timestamptz,
      ADD COLUMN called_back boolean NOT NULL DEFAULT false;

    -- One row per service a ticket was called in and then transferred out of.
    CREATE TABLE ticket_legs (
      hall text NOT NULL,
      id text NOT NULL,
      leg smallint NOT NULL,
      day date NOT NULL,
      service text NOT NULL,
      counter integer,
      officer text,
      officer_name text,
      enqueued_at timestamptz NOT NULL,
      first_called_at timestamptz NOT NULL,
      called_at timestamptz NOT NULL,
      started_at timestamptz,
      transferred_at timestamptz NOT NULL,
      PRIMARY KEY (hall, id, leg)
    );
    CREATE INDEX ticket_legs_by_hall_day ON ticket_legs (hall, day);

    CREATE FUNCTION antre_apply_ticket_event(ev_hall text, ev_at timestamptz, ev_type text,
                                             body jsonb)
    RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      t jsonb := body -> 'ticket';
      c jsonb := body -> 'counter';
    BEGIN
      IF ev_type = 'issued' THEN
        INSERT INTO tickets (hall, id, day, number, issued_service, service, priority, state,
                             issued_at, issued_hour, enqueued_at)
        VALUES (ev_hall, t->>'id', antre_local_day(t->>'issued_at'), t->>'number',
                substring(t->>'number' FROM '^[A-Z]+'), t->>'service',
                coalesce((t->>'priority')::boolean, false), t->>'state', ev_at,
                substr(t->>'issued_at', 12, 2)::smallint, ev_at)
        ON CONFLICT (hall, id) DO NOTHING;
      ELSIF ev_type = 'called' AND coalesce((body->>'recall')::boolean, false) THEN
        -- A recall announces again; the call's time stays.
        UPDATE tickets SET
          state = t->>'state',
          counter = (t->>'counter')::integer,
          first_called_at = coalesce(first_called_at, called_at, ev_at),
          called_at = coalesce(called_at, ev_at),
          officer = coalesce(t->'officer'->>'id', officer),
          officer_name = coalesce(t->'officer'->>'name', officer_name)
        WHERE hall = ev_hall AND id = t->>'id';
      ELSIF ev_type = 'called' THEN
        -- A first call ends the wait; a later one in the same service is a no-show called
        -- back (SET reads the row as it was).
        UPDATE tickets SET
          state = t->>'state',
          counter = (t->>'counter')::integer,
          called_back = called_back OR first_called_at IS NOT NULL,
          first_called_at = coalesce(first_called_at, ev_at),
          called_at = ev_at, started_at = NULL, finished_at = NULL,
          officer = coalesce(t->'officer'->>'id', officer),
          officer_name = coalesce(t->'officer'->>'name', officer_name)
        WHERE hall = ev_hall AND id = t->>'id';
      ELSIF ev_type = 'finished' THEN
        UPDATE tickets SET state = t->>'state', finished_at = ev_at,
          counter = coalesce((t->>'counter')::integer, counter),
          started_at = coalesce((t->>'started_at')::timestamptz, started_at)
        WHERE hall = ev_hall AND id = t->>'id';
      ELSIF ev_type = 'transferred' THEN
        INSERT INTO ticket_legs (hall, id, leg, day, service, counter, officer, officer_name,
                                 enqueued_at, first_called_at, called_at, started_at,
                                 transferred_at)
        SELECT k.hall, k.id,
          (SELECT count(*) FROM ticket_legs l WHERE l.hall = k.hall AND l.id = k.id) + 1,
          k.day, k.service, k.counter, k.officer, k.officer_name, k.enqueued_at,
          coalesce(k.first_called_at, k.called_at, ev_at), coalesce(k.called_at, ev_at),
          coalesce((body->>'from_started_at')::timestamptz, k.started_at), ev_at
        FROM tickets k WHERE k.hall = ev_hall AND k.id = t->>'id' AND k.service <> t->>'service'
        ON CONFLICT (hall, id, leg) DO NOTHING;
        UPDATE tickets SET state = 'waiting', service = t->>'service', enqueued_at = ev_at,
          first_called_at = NULL, called_at = NULL, called_back = false, started_at = NULL,
          finished_at = NULL, counter = NULL, officer = NULL, officer_name = NULL
        WHERE hall = ev_hall AND id = t->>'id';
      ELSIF ev_type = 'counter' AND c->'ticket'->>'state' = 'serving' THEN
        UPDATE tickets SET state = 'serving',
          started_at = coalesce(started_at, (c->'ticket'->>'started_at')::timestamptz, ev_at)
        WHERE hall = ev_hall AND id = c->'ticket'->>'id';
      END IF;
    END
    $$;

    CREATE OR REPLACE FUNCTION antre_apply_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.type = 'survey' THEN
    \(insertSurvey)
      ELSE
        PERFORM antre_apply_ticket_event(NEW.hall, NEW.at, NEW.type, NEW.body);
      END IF;
      RETURN NULL;
    END
    $$;

    TRUNCATE tickets;
    DO $$
    DECLARE
      e record;
    BEGIN
      FOR e IN
        SELECT hall, at, type, body FROM events
        WHERE type IN ('issued', 'called', 'finished', 'transferred', 'counter')
        ORDER BY hall, seq
      LOOP
        PERFORM antre_apply_ticket_event(e.hall, e.at, e.type, e.body);
      END LOOP;
    END
    $$;
    """
}
