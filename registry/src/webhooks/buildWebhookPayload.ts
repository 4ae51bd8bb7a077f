import { renderChangelog } from '../changes/renderChangelog';
import { Criticality, type SchemaChange } from '../changes/types';
import type { OperationCostChange } from '../costs/compareOperationCosts';
import { summariseChanges } from '../publishing/composeCandidate';
import { isDeprecationChange, WebhookEvent, WebhookFormat } from './WebhookEvent';

/** A change as a delivery carries it; a check's changes say whether they failed it. */
export interface WebhookChange {
  id: string;
  type: string;
  criticality: string;
  coordinate: string;
  message: string;
  blocking?: boolean;
}

/** The JSON body of every delivery (the `JSON` format). */
export interface WebhookPayload {
  event: WebhookEvent;
  /** The delivery's id, the same in every retry (`x-switchyard-delivery`): receivers drop ones they have seen. */
  deliveryId: string;
  graph: string;
  variant: string;
  /** The new version (PUBLISH, DEPRECATION), the version a check ran against (CHECK), or the served one (TEST). */
  version: number | null;
  /** When the event happened, ISO 8601. */
  occurredAt: string;
  /** One sentence for people: what happened and how much changed. */
  summary: string;
  /** The classified changes, breaking first; a DEPRECATION delivery carries only the deprecations. */
  changes: WebhookChange[];
  /** Changes left out past WEBHOOK_MAX_CHANGES (the changelog then lists only those kept). */
  changesOmitted: number;
  /** The Markdown changelog, as `switchyard supergraph version` shows it. */
  changelog: string;
  /** The version a rollback restored. */
  rolledBackFrom?: number | null;
  /**
   * CHECK only: the check's id, subgraph and result, with the operations it found costlier than the threshold or over
   * the cost limit (operation, clients, before, after).
   */
  check?: { id: string; subgraph: string; ok: boolean; message: string; costChanges: OperationCostChange[] };
}

/** What a delivery tells about. */
export type WebhookSubject =
  | {
      event: typeof WebhookEvent.PUBLISH | typeof WebhookEvent.DEPRECATION;
      version: {
        version: number;
        createdAt: Date;
        changelog: string;
        rolledBackFrom: number | null;
        changes: SchemaChange[];
        subgraphs: string[];
        previousVersion: number | null;
      };
    }
  | {
      event: typeof WebhookEvent.CHECK;
      /** The version the check ran against, if any. */
      servedVersion: number | null;
      check: {
        id: string;
        subgraph: string;
        ok: boolean;
        message: string;
        createdAt: Date;
        changes: WebhookChange[];
        costChanges: OperationCostChange[];
      };
    }
  | { event: typeof WebhookEvent.TEST; servedVersion: number | null; at: Date };

const order: Record<string, number> = { [Criticality.BREAKING]: 0, [Criticality.DANGEROUS]: 1, [Criticality.SAFE]: 2 };

/** The changes to send: breaking first, at most `maxChanges`, with how many were left out. */
function keepChanges<Change extends WebhookChange>(changes: readonly Change[], maxChanges: number) {
  const sorted = [...changes].sort((a, b) => (order[a.criticality] ?? 3) - (order[b.criticality] ?? 3));
  return { kept: sorted.slice(0, maxChanges), omitted: Math.max(sorted.length - maxChanges, 0) };
}

function toWebhookChange(change: WebhookChange): WebhookChange {
  const { id, type, criticality, coordinate, message } = change;
  return change.blocking === undefined
    ? { id, type, criticality, coordinate, message }
    : { id, type, criticality, coordinate, message, blocking: change.blocking };
}

function omittedNote(omitted: number, graph: string, variant: string, version: number | null): string {
  if (omitted === 0) return '';
  const diff =
    version === null
      ? ''
      : `; \`switchyard supergraph version --graph ${graph} --variant ${variant} --version ${version}\` lists them all`;
  return `\n_${omitted} more change(s) left out of this notification${diff}._\n`;
}

/**
 * The payload of a delivery: the event, graph, variant, version, the classified changes (breaking first, at most
 * `maxChanges`) and the Markdown changelog (the version's own, or rendered by `renderChangelog` from the changes
 * kept). Pure: the deliverer builds it once, at the first attempt.
 */
export function buildWebhookPayload(
  delivery: { id: string; graph: string; variant: string },
  subject: WebhookSubject,
  maxChanges: number,
): WebhookPayload {
  const { id: deliveryId, graph, variant } = delivery;
  const where = `${graph}@${variant}`;
  switch (subject.event) {
    case WebhookEvent.PUBLISH:
    case WebhookEvent.DEPRECATION: {
      const { version } = subject;
      const relevant =
        subject.event === WebhookEvent.DEPRECATION ? version.changes.filter(isDeprecationChange) : version.changes;
      const { kept, omitted } = keepChanges(relevant, maxChanges);
      const changelog =
        version.changes.length <= maxChanges
          ? version.changelog
          : renderChangelog({
              version: version.version,
              previousVersion: version.previousVersion,
              createdAt: version.createdAt,
              changes: keepChanges(version.changes, maxChanges).kept,
              subgraphs: version.subgraphs,
            }) + omittedNote(version.changes.length - maxChanges, graph, variant, version.version);
      const summary =
        subject.event === WebhookEvent.DEPRECATION
          ? `${where} version ${version.version} deprecates ${relevant.length} schema element(s); clients should migrate.`
          : version.rolledBackFrom !== null
            ? `${where} was rolled back to the content of version ${version.rolledBackFrom} as version ${version.version}: ${summariseChanges(version.changes)}.`
            : `${where} published version ${version.version}: ${summariseChanges(version.changes)}.`;
      return {
        event: subject.event,
        deliveryId,
        graph,
        variant,
        version: version.version,
        occurredAt: version.createdAt.toISOString(),
        summary,
        changes: kept.map(toWebhookChange),
        changesOmitted: omitted,
        changelog,
        rolledBackFrom: version.rolledBackFrom,
      };
    }
    case WebhookEvent.CHECK: {
      const { check } = subject;
      const { kept, omitted } = keepChanges(check.changes, maxChanges);
      const rendered = renderChangelog({
        version: (subject.servedVersion ?? 0) + 1,
        previousVersion: subject.servedVersion,
        createdAt: check.createdAt,
        changes: kept.map(toWebhookChange) as SchemaChange[],
        subgraphs: [check.subgraph],
      });
      // The changelog of the version the checked SDL would make, headed as the check it is.
      const [, ...body] = rendered.split('\n');
      const heading = `# Check of subgraph "${check.subgraph}" against ${where}: ${check.ok ? 'passed' : 'failed'}`;
      return {
        event: subject.event,
        deliveryId,
        graph,
        variant,
        version: subject.servedVersion,
        occurredAt: check.createdAt.toISOString(),
        summary: check.message,
        changes: kept.map(toWebhookChange),
        changesOmitted: omitted,
        changelog: [heading, ...body].join('\n') + omittedNote(omitted, graph, variant, null),
        check: {
          id: check.id,
          subgraph: check.subgraph,
          ok: check.ok,
          message: check.message,
          costChanges: check.costChanges,
        },
      };
    }
    case WebhookEvent.TEST:
      return {
        event: subject.event,
        deliveryId,
        graph,
        variant,
        version: subject.servedVersion,
        occurredAt: subject.at.toISOString(),
        summary: `Test delivery from the Switchyard registry for ${where}.`,
        changes: [],
        changesOmitted: 0,
        changelog: `# Test delivery\n\nThis webhook of ${where} is reachable and its signature verifies.\n`,
      };
  }
}

/** Slack's limit on a message's `text`. */
const SLACK_TEXT_LIMIT = 40_000;

/** The changelog's Markdown as Slack mrkdwn: headings bold, `**` as `*`. */
function toSlackMrkdwn(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => line.replace(/^#{1,6}\s+(.*)$/, '*$1*').replace(/\*\*(.+?)\*\*/g, '*$1*'))
    .join('\n');
}

/** The exact body of a delivery in the webhook's format: the JSON payload, or Slack's `{ "text": … }`. */
export function renderWebhookBody(payload: WebhookPayload, format: WebhookFormat): string {
  if (format === WebhookFormat.JSON) return JSON.stringify(payload);
  const text = `${payload.summary}\n\n${toSlackMrkdwn(payload.changelog)}`;
  return JSON.stringify({
    text: text.length > SLACK_TEXT_LIMIT ? `${text.slice(0, SLACK_TEXT_LIMIT - 1)}…` : text,
  });
}
