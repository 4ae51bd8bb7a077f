import { WEEK_FORECAST_METHOD, type WeekForecast } from '../../usage/reports/forecastWeek';
import type { SubgraphFetchClientLoad, SubgraphFetchLoad } from '../../usage/reports/subgraphFetchLoad';
import { builder } from '../builder';

export const SubgraphFetchClientLoadRef = builder
  .objectRef<SubgraphFetchClientLoad>('SubgraphFetchClientLoad')
  .implement({
    description: "One client's fetches to a subgraph in the window.",
    fields: (t) => ({
      client: t.exposeString('client'),
      fetches: t.expose('fetches', { type: 'Count' }),
      errors: t.expose('errors', {
        type: 'Count',
        description: 'Fetches that failed (no answer, HTTP or GraphQL errors).',
      }),
      p50Ms: t.exposeFloat('p50Ms', {
        nullable: true,
        description: 'Median fetch latency (ms), interpolated in the histogram buckets; null without fetches.',
      }),
      p95Ms: t.exposeFloat('p95Ms', { nullable: true }),
      p99Ms: t.exposeFloat('p99Ms', { nullable: true }),
    }),
  });

export const SubgraphFetchDayRef = builder.objectRef<{ day: string; fetches: number }>('SubgraphFetchDay').implement({
  fields: (t) => ({
    day: t.exposeString('day', { description: 'UTC day, YYYY-MM-DD.' }),
    fetches: t.expose('fetches', { type: 'Count' }),
  }),
});

export const WeekForecastRef = builder.objectRef<WeekForecast>('WeekForecast').implement({
  description: "A forecast of the next 7 days' fetches from the window's daily trend.",
  fields: (t) => ({
    status: t.exposeString('status', { description: 'OK, or NOT_ENOUGH_DATA under 5 whole days.' }),
    nextWeek: t.exposeFloat('nextWeek', {
      nullable: true,
      description: 'Fetches forecast for the 7 days after the window.',
    }),
    slopePerDay: t.exposeFloat('slopePerDay', { nullable: true, description: 'Daily change of the fitted line.' }),
    backtestError: t.exposeFloat('backtestError', {
      nullable: true,
      description: "Relative error of the method on the window's last 7 days (0.1 = 10 %); null under 12 whole days.",
    }),
    days: t.exposeInt('days', { description: 'Whole UTC days the forecast is made from.' }),
    method: t.string({
      description: 'How the forecast and its error are computed.',
      resolve: () => WEEK_FORECAST_METHOD,
    }),
  }),
});

export const SubgraphFetchLoadRef = builder.objectRef<SubgraphFetchLoad>('SubgraphFetchLoad').implement({
  description:
    "The load gateways' query plans put on a subgraph in the window, measured from the fetches they sent (one per fetch node executed, entity hops included).",
  fields: (t) => ({
    subgraph: t.exposeString('subgraph'),
    fetches: t.expose('fetches', { type: 'Count' }),
    errors: t.expose('errors', { type: 'Count' }),
    p50Ms: t.exposeFloat('p50Ms', {
      nullable: true,
      description: 'Median fetch latency (ms), interpolated in the histogram buckets; null without fetches.',
    }),
    p95Ms: t.exposeFloat('p95Ms', { nullable: true }),
    p99Ms: t.exposeFloat('p99Ms', { nullable: true }),
    clients: t.field({
      type: [SubgraphFetchClientLoadRef],
      description: 'Busiest client first.',
      resolve: (load) => load.clients,
    }),
    daily: t.field({
      type: [SubgraphFetchDayRef],
      description: 'Fetches per UTC day, empty days included.',
      resolve: (load) => load.daily,
    }),
    forecast: t.field({ type: WeekForecastRef, resolve: (load) => load.forecast }),
  }),
});
