import { lt, sql } from 'drizzle-orm';
import type { RegistryDatabase } from '../db/openDatabase';
import { usageReports } from '../db/schema/usage';
import { UsageReportLimits } from './contract';
import { addHistograms, saturatingAdd, saturatingSum } from './sqlHelpers';

/** Settings of the usage rollup job. */
export interface RollupUsageOptions {
  /** 5-minute rows older than this many hours are merged into whole hours. Default 24. */
  fineRetentionHours?: number;
  /** Hourly rows older than this many hours are rolled up into days. Default 48. */
  hourlyRetentionHours?: number;
  /** Usage older than this many days is deleted. Default 90. */
  retentionDays?: number;
  /**
   * Report ids received longer ago than this (ms) are forgotten (`USAGE_REPORT_ID_RETENTION`). Default
   * `UsageReportLimits.reportIdRetentionMs`, 48 hours.
   */
  reportIdRetentionMs?: number;
}

/** What one rollup run did. */
export interface RollupUsageResult {
  /** 5-minute rows merged into hours. */
  compactedRows: number;
  rolledUpCoordinateRows: number;
  rolledUpOperationRows: number;
  deletedRows: number;
}

/**
 * Merges 5-minute usage older than 24 hours into whole hours, rolls hourly usage older than 48 hours into per-day rows (UTC days;
 * coordinates also into per-day totals over clients), then deletes usage past retention (daily
 * rows, operations not seen since, and the ids of reports received more than `reportIdRetentionMs` ago). One transaction, so reports never see an hour counted twice or not at all.
 * Run it every hour or so; running it more often or twice is harmless.
 */
export async function rollupUsage(
  db: RegistryDatabase,
  now: Date,
  options: RollupUsageOptions = {},
): Promise<RollupUsageResult> {
  const hourlyCutoff = new Date(now.getTime() - (options.hourlyRetentionHours ?? 48) * 3_600_000);
  hourlyCutoff.setUTCMinutes(0, 0, 0);
  const retentionCutoff = new Date(now.getTime() - (options.retentionDays ?? 90) * 86_400_000);
  const cutoffDay = retentionCutoff.toISOString().slice(0, 10);

  const fineCutoff = new Date(now.getTime() - (options.fineRetentionHours ?? 24) * 3_600_000);
  const fine = sql`hour < ${fineCutoff.toISOString()}::timestamptz and hour <> date_trunc('hour', hour, 'UTC')`;

  return db.transaction(async (tx) => {
    // 5-minute rows never land on a whole hour's row (that one is kept), so moving them into it cannot collide.
    const compactedCoordinates = await tx.execute(sql`
      with moved as (
        delete from registry.usage_coordinates_hourly where ${fine}
        returning variant_id, hour, coordinate, client_name, client_version, count
      )
      insert into registry.usage_coordinates_hourly as t (variant_id, hour, coordinate, client_name, client_version, count)
      select variant_id, date_trunc('hour', hour, 'UTC'), coordinate, client_name, client_version,
        ${sql.raw(saturatingSum('count'))}
      from moved group by 1, 2, 3, 4, 5
      on conflict (variant_id, hour, coordinate, client_name, client_version)
      do update set count = ${sql.raw(saturatingAdd('t.count', 'excluded.count'))}`);
    const compactedOperations = await tx.execute(sql`
      with moved as (
        delete from registry.usage_operations_hourly where ${fine}
        returning variant_id, date_trunc('hour', hour, 'UTC') as hour, signature, client_name, client_version,
          count, errors, latency_histogram
      ), totals as (
        select variant_id, hour, signature, client_name, client_version,
          ${sql.raw(saturatingSum('count'))} as count, ${sql.raw(saturatingSum('errors'))} as errors
        from moved group by 1, 2, 3, 4, 5
      ), slots as (
        select variant_id, hour, signature, client_name, client_version, i, ${sql.raw(saturatingSum('slot'))} as slot
        from moved, unnest(latency_histogram) with ordinality as h(slot, i) group by 1, 2, 3, 4, 5, 6
      ), histograms as (
        select variant_id, hour, signature, client_name, client_version, array_agg(slot order by i)::bigint[] as latency_histogram
        from slots group by 1, 2, 3, 4, 5
      )
      insert into registry.usage_operations_hourly as o
        (variant_id, hour, signature, client_name, client_version, count, errors, latency_histogram)
      select t.variant_id, t.hour, t.signature, t.client_name, t.client_version, t.count, t.errors,
        coalesce(h.latency_histogram, '{}'::bigint[])
      from totals t left join histograms h using (variant_id, hour, signature, client_name, client_version)
      on conflict (variant_id, hour, signature, client_name, client_version)
      do update set count = ${sql.raw(saturatingAdd('o.count', 'excluded.count'))},
        errors = ${sql.raw(saturatingAdd('o.errors', 'excluded.errors'))},
        latency_histogram = ${sql.raw(addHistograms('o.latency_histogram', 'excluded.latency_histogram'))}`);
    // The same moved rows feed the per-client days and their totals over clients, so the two always agree.
    const coordinates = await tx.execute(sql`
      with moved as (
        delete from registry.usage_coordinates_hourly where hour < ${hourlyCutoff.toISOString()}::timestamptz
        returning variant_id, hour, coordinate, client_name, client_version, count
      ), totals as (
        insert into registry.usage_coordinate_totals_daily as t (variant_id, day, coordinate, count)
        select variant_id, (hour at time zone 'UTC')::date, coordinate, ${sql.raw(saturatingSum('count'))}
        from moved group by 1, 2, 3
        on conflict (variant_id, day, coordinate)
        do update set count = ${sql.raw(saturatingAdd('t.count', 'excluded.count'))}
      ), spans as (
        insert into registry.usage_coordinate_clients as c (variant_id, coordinate, client_name, first_day, last_day)
        select variant_id, coordinate, client_name, min((hour at time zone 'UTC')::date), max((hour at time zone 'UTC')::date)
        from moved where count > 0 group by 1, 2, 3
        on conflict (variant_id, coordinate, client_name)
        do update set first_day = least(c.first_day, excluded.first_day), last_day = greatest(c.last_day, excluded.last_day)
      )
      insert into registry.usage_coordinates_daily as d (variant_id, day, coordinate, client_name, client_version, count)
      select variant_id, (hour at time zone 'UTC')::date, coordinate, client_name, client_version,
        ${sql.raw(saturatingSum('count'))}
      from moved group by 1, 2, 3, 4, 5
      on conflict (variant_id, day, coordinate, client_name, client_version)
      do update set count = ${sql.raw(saturatingAdd('d.count', 'excluded.count'))}`);
    const operations = await tx.execute(sql`
      with moved as (
        delete from registry.usage_operations_hourly where hour < ${hourlyCutoff.toISOString()}::timestamptz
        returning variant_id, hour, signature, client_name, client_version, count, errors, latency_histogram
      ), days as (
        select variant_id, (hour at time zone 'UTC')::date as day, signature, client_name, client_version,
          count, errors, latency_histogram
        from moved
      ), totals as (
        select variant_id, day, signature, client_name, client_version,
          ${sql.raw(saturatingSum('count'))} as count, ${sql.raw(saturatingSum('errors'))} as errors
        from days group by 1, 2, 3, 4, 5
      ), slots as (
        select variant_id, day, signature, client_name, client_version, i, ${sql.raw(saturatingSum('slot'))} as slot
        from days, unnest(latency_histogram) with ordinality as h(slot, i) group by 1, 2, 3, 4, 5, 6
      ), histograms as (
        select variant_id, day, signature, client_name, client_version, array_agg(slot order by i)::bigint[] as latency_histogram
        from slots group by 1, 2, 3, 4, 5
      ), all_clients as (
        select variant_id, day, signature,
          ${sql.raw(saturatingSum('count'))} as count, ${sql.raw(saturatingSum('errors'))} as errors
        from days group by 1, 2, 3
      ), all_client_slots as (
        select variant_id, day, signature, i, ${sql.raw(saturatingSum('slot'))} as slot
        from days, unnest(latency_histogram) with ordinality as h(slot, i) group by 1, 2, 3, 4
      ), all_client_histograms as (
        select variant_id, day, signature, array_agg(slot order by i)::bigint[] as latency_histogram
        from all_client_slots group by 1, 2, 3
      ), operation_totals as (
        insert into registry.usage_operation_totals_daily as o
          (variant_id, day, signature, count, errors, latency_histogram)
        select t.variant_id, t.day, t.signature, t.count, t.errors, coalesce(h.latency_histogram, '{}'::bigint[])
        from all_clients t left join all_client_histograms h using (variant_id, day, signature)
        on conflict (variant_id, day, signature)
        do update set count = ${sql.raw(saturatingAdd('o.count', 'excluded.count'))},
          errors = ${sql.raw(saturatingAdd('o.errors', 'excluded.errors'))},
          latency_histogram = ${sql.raw(addHistograms('o.latency_histogram', 'excluded.latency_histogram'))}
      )
      insert into registry.usage_operations_daily as d
        (variant_id, day, signature, client_name, client_version, count, errors, latency_histogram)
      select t.variant_id, t.day, t.signature, t.client_name, t.client_version, t.count, t.errors,
        coalesce(h.latency_histogram, '{}'::bigint[])
      from totals t left join histograms h using (variant_id, day, signature, client_name, client_version)
      on conflict (variant_id, day, signature, client_name, client_version)
      do update set count = ${sql.raw(saturatingAdd('d.count', 'excluded.count'))},
        errors = ${sql.raw(saturatingAdd('d.errors', 'excluded.errors'))},
        latency_histogram = ${sql.raw(addHistograms('d.latency_histogram', 'excluded.latency_histogram'))}`);
    const reportIdCutoff = new Date(
      now.getTime() - (options.reportIdRetentionMs ?? UsageReportLimits.reportIdRetentionMs),
    );
    const deleted = [
      await tx.delete(usageReports).where(lt(usageReports.receivedAt, reportIdCutoff)),
      await tx.execute(sql`delete from registry.usage_coordinates_daily where day < ${cutoffDay}::date`),
      await tx.execute(sql`delete from registry.usage_coordinate_totals_daily where day < ${cutoffDay}::date`),
      await tx.execute(sql`delete from registry.usage_operations_daily where day < ${cutoffDay}::date`),
      await tx.execute(sql`delete from registry.usage_operation_totals_daily where day < ${cutoffDay}::date`),
      await tx.execute(
        sql`delete from registry.usage_operations where last_seen < ${retentionCutoff.toISOString()}::timestamptz`,
      ),
    ];
    // A client's span starting before retention now starts at its first day left, or goes with its last day.
    await tx.execute(sql`
      update registry.usage_coordinate_clients c set first_day = kept.first_day
      from (
        select d.variant_id, d.coordinate, d.client_name, min(d.day) as first_day
        from registry.usage_coordinates_daily d
        join registry.usage_coordinate_clients s using (variant_id, coordinate, client_name)
        where s.first_day < ${cutoffDay}::date and d.count > 0
        group by 1, 2, 3
      ) kept
      where c.variant_id = kept.variant_id and c.coordinate = kept.coordinate and c.client_name = kept.client_name`);
    await tx.execute(sql`delete from registry.usage_coordinate_clients where first_day < ${cutoffDay}::date`);
    return {
      compactedRows: affected(compactedCoordinates) + affected(compactedOperations),
      rolledUpCoordinateRows: affected(coordinates),
      rolledUpOperationRows: affected(operations),
      deletedRows: deleted.reduce((sum: number, result) => sum + affected(result), 0),
    };
  });
}

/** Rows a statement touched, from either driver's result shape. */
export function affected(result: unknown): number {
  if (typeof result !== 'object' || result === null) return 0;
  const record = result as { rowCount?: number | null; affectedRows?: number };
  return record.rowCount ?? record.affectedRows ?? 0;
}
