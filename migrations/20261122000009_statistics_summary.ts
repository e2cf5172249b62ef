// The figures the centres report, kept incrementally so a city and a year read a few thousand
// summary rows instead of a million matters and their events.
//
// 1. Each matter carries the facts its figures need, derived from its event log by a trigger on
//    app.matter_events (litigated, reopened, ever overdue, the tier it was closed at, the latest
//    follow-up) plus, generated from its own columns, how long it took to resolve.
// 2. app.stats_counters(matter) is the ONE definition of what a matter contributes to the figures.
// 3. A trigger on app.matters adds the difference between a matter's old and new contribution to
//    summary rows per region × China calendar day of receipt (the cohort), when the transaction that
//    changed it commits: the summary is never behind and never drifts.
// 4. app.rebuild_statistics() recomputes facts and summaries from the event log (repair, bulk loads).
//
// Summary keys use region_path COLLATE "C" so the primary key serves "subtree" prefix scans.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE app.matters
      ADD COLUMN litigated boolean NOT NULL DEFAULT false,
      ADD COLUMN reopened boolean NOT NULL DEFAULT false,
      ADD COLUMN ever_overdue boolean NOT NULL DEFAULT false,
      ADD COLUMN closed_tier text,
      ADD COLUMN satisfaction text,
      ADD COLUMN follow_up_resolved boolean,
      ADD COLUMN resolve_seconds numeric GENERATED ALWAYS AS
        (CASE WHEN closure_reason = 'resolved' THEN extract(epoch FROM closed_at - received_at) END) STORED,
      -- Logarithmic buckets (about 19 % wide): the summary keeps a histogram, the exact median is then
      -- read from the few matters in one bucket.
      ADD COLUMN resolve_bucket smallint GENERATED ALWAYS AS
        (CASE WHEN closure_reason = 'resolved'
              THEN floor(4 * log(2, 1 + greatest(extract(epoch FROM closed_at - received_at), 0) / 60))::smallint
         END) STORED;
    CREATE INDEX matters_received ON app.matters (received_at);
    CREATE INDEX matters_resolve_bucket ON app.matters (resolve_bucket, region_path text_pattern_ops, received_at)
      INCLUDE (resolve_seconds) WHERE closure_reason = 'resolved';

    CREATE TABLE app.stats_daily (
      region_path text COLLATE "C" NOT NULL,
      day date NOT NULL,
      received int NOT NULL, closed int NOT NULL, resolved int NOT NULL, closed_on_time int NOT NULL,
      resolved_town_or_below int NOT NULL, satisfied int NOT NULL, answered int NOT NULL, one_time int NOT NULL,
      resolved_without_litigation int NOT NULL, to_litigation int NOT NULL, unresolved_after_litigation int NOT NULL,
      resolved_seconds numeric NOT NULL,
      PRIMARY KEY (region_path, day)
    );
    CREATE TABLE app.stats_breakdown (
      region_path text COLLATE "C" NOT NULL,
      day date NOT NULL,
      dim text NOT NULL CHECK (dim IN ('type', 'channel', 'category')),
      key text NOT NULL,
      received int NOT NULL,
      PRIMARY KEY (region_path, day, dim, key)
    );
    CREATE TABLE app.stats_resolve_hist (
      region_path text COLLATE "C" NOT NULL,
      day date NOT NULL,
      bucket smallint NOT NULL,
      n int NOT NULL,
      PRIMARY KEY (region_path, day, bucket)
    );
    -- Overdue items per unit by the day they fell overdue (not by cohort), for "units with most overdue".
    CREATE TABLE app.stats_overdue_units (
      region_path text COLLATE "C" NOT NULL,
      day date NOT NULL,
      unit text NOT NULL,
      n int NOT NULL,
      PRIMARY KEY (region_path, day, unit)
    );

    CREATE FUNCTION app.china_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE
      AS $$ SELECT (t AT TIME ZONE 'Asia/Shanghai')::date $$;

    -- What one matter contributes, in the order of the stats_daily counter columns.
    CREATE FUNCTION app.stats_counters(m app.matters) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
      SELECT ARRAY[
        1,
        (m.status = 'closed')::int,
        coalesce(m.closure_reason = 'resolved', false)::int,
        (m.status = 'closed' AND NOT m.ever_overdue)::int,
        coalesce(m.closure_reason = 'resolved' AND m.closed_tier IN ('town', 'village', 'grid'), false)::int,
        coalesce(m.satisfaction IN ('satisfied', 'basically-satisfied'), false)::int,
        (m.satisfaction IS NOT NULL AND m.satisfaction <> 'unknown')::int,
        coalesce(m.closure_reason = 'resolved' AND NOT m.reopened, false)::int,
        coalesce(m.closure_reason = 'resolved' AND NOT m.litigated, false)::int,
        m.litigated::int,
        (m.litigated AND (m.status <> 'closed' OR m.follow_up_resolved IS FALSE))::int
      ] $$;

    CREATE FUNCTION app.stats_add_daily(p text, d date, c int[], secs numeric) RETURNS void LANGUAGE sql AS $$
      INSERT INTO app.stats_daily AS s
      VALUES (p, d, c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], secs)
      ON CONFLICT (region_path, day) DO UPDATE SET
        received = s.received + excluded.received, closed = s.closed + excluded.closed,
        resolved = s.resolved + excluded.resolved,
        closed_on_time = s.closed_on_time + excluded.closed_on_time,
        resolved_town_or_below = s.resolved_town_or_below + excluded.resolved_town_or_below,
        satisfied = s.satisfied + excluded.satisfied, answered = s.answered + excluded.answered,
        one_time = s.one_time + excluded.one_time,
        resolved_without_litigation = s.resolved_without_litigation + excluded.resolved_without_litigation,
        to_litigation = s.to_litigation + excluded.to_litigation,
        unresolved_after_litigation = s.unresolved_after_litigation + excluded.unresolved_after_litigation,
        resolved_seconds = s.resolved_seconds + excluded.resolved_seconds $$;

    CREATE FUNCTION app.stats_add_breakdown(m app.matters, sign int) RETURNS void LANGUAGE sql AS $$
      INSERT INTO app.stats_breakdown AS s
      VALUES (m.region_path, app.china_day(m.received_at), 'type', m.matter_type, sign),
             (m.region_path, app.china_day(m.received_at), 'channel', m.channel, sign),
             (m.region_path, app.china_day(m.received_at), 'category', coalesce(m.category, '(none)'), sign)
      ON CONFLICT (region_path, day, dim, key) DO UPDATE SET received = s.received + excluded.received $$;

    CREATE FUNCTION app.stats_add_hist(m app.matters, sign int) RETURNS void LANGUAGE sql AS $$
      INSERT INTO app.stats_resolve_hist AS s
      VALUES (m.region_path, app.china_day(m.received_at), m.resolve_bucket, sign)
      ON CONFLICT (region_path, day, bucket) DO UPDATE SET n = s.n + excluded.n $$;

    CREATE FUNCTION app.matter_stats() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        c_new int[] := app.stats_counters(NEW);
        c_old int[];
        same_key boolean;
        delta int[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM app.stats_add_daily(NEW.region_path, app.china_day(NEW.received_at), c_new,
            coalesce(NEW.resolve_seconds, 0));
          PERFORM app.stats_add_breakdown(NEW, 1);
          IF NEW.resolve_bucket IS NOT NULL THEN PERFORM app.stats_add_hist(NEW, 1); END IF;
          RETURN NULL;
        END IF;
        c_old := app.stats_counters(OLD);
        same_key := NEW.region_path = OLD.region_path AND NEW.received_at = OLD.received_at;
        IF same_key THEN
          IF c_new IS DISTINCT FROM c_old OR NEW.resolve_seconds IS DISTINCT FROM OLD.resolve_seconds THEN
            SELECT array_agg(n - o ORDER BY i) INTO delta FROM unnest(c_new, c_old) WITH ORDINALITY AS x(n, o, i);
            PERFORM app.stats_add_daily(NEW.region_path, app.china_day(NEW.received_at), delta,
              coalesce(NEW.resolve_seconds, 0) - coalesce(OLD.resolve_seconds, 0));
          END IF;
        ELSE
          PERFORM app.stats_add_daily(OLD.region_path, app.china_day(OLD.received_at),
            (SELECT array_agg(-x) FROM unnest(c_old) x), -coalesce(OLD.resolve_seconds, 0));
          PERFORM app.stats_add_daily(NEW.region_path, app.china_day(NEW.received_at), c_new,
            coalesce(NEW.resolve_seconds, 0));
        END IF;
        IF NOT same_key OR NEW.matter_type <> OLD.matter_type OR NEW.channel <> OLD.channel
           OR NEW.category IS DISTINCT FROM OLD.category THEN
          PERFORM app.stats_add_breakdown(OLD, -1);
          PERFORM app.stats_add_breakdown(NEW, 1);
        END IF;
        IF NOT same_key OR NEW.resolve_bucket IS DISTINCT FROM OLD.resolve_bucket THEN
          IF OLD.resolve_bucket IS NOT NULL THEN PERFORM app.stats_add_hist(OLD, -1); END IF;
          IF NEW.resolve_bucket IS NOT NULL THEN PERFORM app.stats_add_hist(NEW, 1); END IF;
        END IF;
        RETURN NULL;
      END $$;
    -- Deferred to commit: the summary row of a busy village-day is locked only while the
    -- transaction commits, not while an intake checks its parties (several matters of one village and
    -- day are received at once). The deltas of several updates to one row chain: each event carries
    -- the versions before and after its own update.
    CREATE CONSTRAINT TRIGGER matters_stats AFTER INSERT OR UPDATE ON app.matters
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app.matter_stats();

    -- Events set the facts on their matter (which moves the summary through the trigger above). Steps
    -- of one matter come from one process instance in order, so "the latest" is the last written.
    CREATE FUNCTION app.matter_event_facts() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE p text;
      BEGIN
        CASE NEW.type
          WHEN 'litigation-handoff' THEN
            UPDATE app.matters SET litigated = true WHERE id = NEW.matter_id AND NOT litigated;
          WHEN 'reopened' THEN
            UPDATE app.matters SET reopened = true WHERE id = NEW.matter_id AND NOT reopened;
          WHEN 'closed' THEN
            UPDATE app.matters SET closed_tier = NEW.data->>'tier' WHERE id = NEW.matter_id;
          WHEN 'follow-up-done' THEN
            UPDATE app.matters SET satisfaction = NEW.data->>'satisfaction',
                   follow_up_resolved = CASE WHEN NEW.data->>'resolved' IN ('true', 'false')
                                             THEN (NEW.data->>'resolved')::boolean END
             WHERE id = NEW.matter_id;
          ELSE -- 'mediation-overdue', 'assignment-sheet'
            UPDATE app.matters SET ever_overdue = true WHERE id = NEW.matter_id AND NOT ever_overdue;
            IF NEW.unit IS NOT NULL THEN
              SELECT region_path INTO p FROM app.matters WHERE id = NEW.matter_id;
              INSERT INTO app.stats_overdue_units AS s VALUES (p, app.china_day(NEW.occurred_at), NEW.unit, 1)
              ON CONFLICT (region_path, day, unit) DO UPDATE SET n = s.n + 1;
            END IF;
        END CASE;
        RETURN NULL;
      END $$;
    CREATE CONSTRAINT TRIGGER matter_events_facts AFTER INSERT ON app.matter_events
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (NEW.type IN ('litigation-handoff', 'reopened', 'closed', 'follow-up-done', 'mediation-overdue',
                         'assignment-sheet'))
      EXECUTE FUNCTION app.matter_event_facts();

    -- Recomputes every fact and summary from the event log: a repair tool and the end of a bulk load.
    -- It locks matters (and new events) out until it commits.
    CREATE FUNCTION app.rebuild_statistics() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE app.matters IN ACCESS EXCLUSIVE MODE;
        LOCK TABLE app.matter_events IN SHARE MODE;
        ALTER TABLE app.matters DISABLE TRIGGER matters_stats;
        UPDATE app.matters m SET litigated = f.litigated, reopened = f.reopened, ever_overdue = f.overdue,
               closed_tier = f.closed_tier, satisfaction = f.satisfaction, follow_up_resolved = f.follow_up_resolved
          FROM (SELECT matter_id,
                       bool_or(type = 'litigation-handoff') AS litigated,
                       bool_or(type = 'reopened') AS reopened,
                       bool_or(type IN ('mediation-overdue', 'assignment-sheet')) AS overdue,
                       (array_agg(data->>'tier' ORDER BY id DESC) FILTER (WHERE type = 'closed'))[1] AS closed_tier,
                       (array_agg(data->>'satisfaction' ORDER BY id DESC)
                          FILTER (WHERE type = 'follow-up-done'))[1] AS satisfaction,
                       (array_agg(CASE WHEN data->>'resolved' IN ('true', 'false') THEN (data->>'resolved')::boolean END
                                  ORDER BY id DESC)
                          FILTER (WHERE type = 'follow-up-done'))[1] AS follow_up_resolved
                  FROM app.matter_events GROUP BY matter_id) f
         WHERE f.matter_id = m.id;
        ALTER TABLE app.matters ENABLE TRIGGER matters_stats;
        TRUNCATE app.stats_daily, app.stats_breakdown, app.stats_resolve_hist, app.stats_overdue_units;
        INSERT INTO app.stats_daily
        SELECT region_path, day, sum(c[1]), sum(c[2]), sum(c[3]), sum(c[4]), sum(c[5]), sum(c[6]), sum(c[7]),
               sum(c[8]), sum(c[9]), sum(c[10]), sum(c[11]), coalesce(sum(resolve_seconds), 0)
          FROM (SELECT region_path, app.china_day(received_at) AS day, app.stats_counters(m) AS c, resolve_seconds
                  FROM app.matters m) x
         GROUP BY 1, 2;
        INSERT INTO app.stats_breakdown
        SELECT region_path, app.china_day(received_at), d.dim, d.key, count(*)
          FROM app.matters m
               CROSS JOIN LATERAL (VALUES ('type', m.matter_type), ('channel', m.channel),
                                          ('category', coalesce(m.category, '(none)'))) d(dim, key)
         GROUP BY 1, 2, 3, 4;
        INSERT INTO app.stats_resolve_hist
        SELECT region_path, app.china_day(received_at), resolve_bucket, count(*)
          FROM app.matters
         WHERE resolve_bucket IS NOT NULL
         GROUP BY 1, 2, 3;
        INSERT INTO app.stats_overdue_units
        SELECT m.region_path, app.china_day(e.occurred_at), e.unit, count(*)
          FROM app.matter_events e JOIN app.matters m ON m.id = e.matter_id
         WHERE e.type IN ('mediation-overdue', 'assignment-sheet') AND e.unit IS NOT NULL
         GROUP BY 1, 2, 3;
      END $$;
    SELECT app.rebuild_statistics();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER matter_events_facts ON app.matter_events;
    DROP TRIGGER matters_stats ON app.matters;
    DROP FUNCTION app.rebuild_statistics(), app.matter_event_facts(), app.matter_stats(),
      app.stats_add_hist(app.matters, int), app.stats_add_breakdown(app.matters, int),
      app.stats_add_daily(text, date, int[], numeric), app.stats_counters(app.matters), app.china_day(timestamptz);
    DROP TABLE app.stats_daily, app.stats_breakdown, app.stats_resolve_hist, app.stats_overdue_units;
    ALTER TABLE app.matters DROP COLUMN resolve_bucket, DROP COLUMN resolve_seconds, DROP COLUMN follow_up_resolved,
      DROP COLUMN satisfaction, DROP COLUMN closed_tier, DROP COLUMN ever_overdue, DROP COLUMN reopened,
      DROP COLUMN litigated;
  `);
}
