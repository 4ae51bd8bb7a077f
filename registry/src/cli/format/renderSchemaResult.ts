import { OutputFormat } from '../OutputFormat';
import type { CostChange, SchemaChange, SchemaError } from '../registryApi';
import {
  renderChangesMarkdown,
  renderChangesText,
  renderErrorsMarkdown,
  renderErrorsText,
  summarizeChanges,
} from './renderChanges';
import { renderCostChangesMarkdown, renderCostChangesText } from './renderCostChanges';

/** The outcome of a publish, check or delete, as the CLI reports it. */
export interface SchemaResultView {
  /** What was attempted, e.g. `Schema check of accounts on shop@prod`. */
  action: string;
  /** Whether the command succeeds (exit 0). */
  ok: boolean;
  /** Short outcome, e.g. `PUBLISHED` or `FAILED`. */
  status: string;
  /** The registry's one-sentence message. */
  message: string;
  changes: SchemaChange[];
  /** Operations a check found costlier or over the cost limit; absent outside checks. */
  costChanges?: CostChange[];
  errors: SchemaError[];
  warnings: SchemaError[];
  /** A check's contracts: what the proposed SDL changes in each, or why it breaks it. */
  contracts?: { variant: string; ok: boolean; changes: SchemaChange[]; errors: SchemaError[] }[];
  /** The raw API result, printed as is with `--format json`. */
  raw: unknown;
}

/** Renders a publish, check or delete result in the requested format. */
export function renderSchemaResult(view: SchemaResultView, format: OutputFormat): string {
  switch (format) {
    case OutputFormat.JSON:
      return JSON.stringify(view.raw, null, 2);
    case OutputFormat.MARKDOWN:
      return renderMarkdown(view);
    case OutputFormat.TEXT:
    case OutputFormat.CSV:
      return renderText(view);
  }
}

function renderText(view: SchemaResultView): string {
  const lines = [`${view.ok ? '✔' : '✖'} ${view.action}: ${view.status}`, `  ${view.message}`];
  if (view.errors.length > 0) lines.push('', `Errors (${view.errors.length}):`, ...renderErrorsText(view.errors));
  if (view.changes.length > 0) {
    lines.push('', `Changes (${summarizeChanges(view.changes)}):`, ...renderChangesText(view.changes));
  } else if (view.errors.length === 0) {
    lines.push('', 'No changes to the API schema.');
  }
  const costs = view.costChanges ?? [];
  if (costs.length > 0) lines.push('', `Operation costs (${costs.length}):`, ...renderCostChangesText(costs));
  for (const contract of view.contracts ?? []) {
    const summary = contract.ok
      ? contract.changes.length > 0
        ? summarizeChanges(contract.changes)
        : 'no changes'
      : 'would no longer compose';
    lines.push('', `Contract ${contract.variant} (${summary}):`);
    if (!contract.ok) lines.push(...renderErrorsText(contract.errors));
    else lines.push(...renderChangesText(contract.changes));
  }
  if (view.warnings.length > 0)
    lines.push('', `Warnings (${view.warnings.length}):`, ...renderErrorsText(view.warnings));
  return lines.join('\n');
}

function renderMarkdown(view: SchemaResultView): string {
  const parts = [`### ${view.ok ? '✅' : '❌'} ${view.action}: ${view.status}`, view.message];
  if (view.errors.length > 0) parts.push(`**Errors (${view.errors.length})**`, renderErrorsMarkdown(view.errors));
  if (view.changes.length > 0) {
    parts.push(`**Changes:** ${summarizeChanges(view.changes)}`, renderChangesMarkdown(view.changes));
  } else if (view.errors.length === 0) {
    parts.push('No changes to the API schema.');
  }
  const costs = view.costChanges ?? [];
  if (costs.length > 0) parts.push(`**Operation costs (${costs.length})**`, renderCostChangesMarkdown(costs));
  for (const contract of view.contracts ?? []) {
    if (!contract.ok)
      parts.push(`**Contract ${contract.variant}: would no longer compose**`, renderErrorsMarkdown(contract.errors));
    else if (contract.changes.length > 0)
      parts.push(
        `**Contract ${contract.variant}:** ${summarizeChanges(contract.changes)}`,
        renderChangesMarkdown(contract.changes),
      );
    else parts.push(`**Contract ${contract.variant}:** no changes.`);
  }
  if (view.warnings.length > 0) {
    parts.push(
      `<details><summary>Composition hints (${view.warnings.length})</summary>\n\n${renderErrorsMarkdown(view.warnings)}\n\n</details>`,
    );
  }
  return parts.join('\n\n');
}
