import { CliError, CliErrorCode } from '../CliError';
import { type CommandGroup, ExitCode } from '../Command';
import { renderReport } from '../format/renderReport';
import { OutputFormat } from '../OutputFormat';
import { type OptionValues, stringOption } from '../parseCommandArgs';
import { targetText } from './slaReport';

/** A flag that must be a number within `[min, max]`, or undefined when absent. */
function numberOption(values: OptionValues, name: string, min: number, max: number, what: string): number | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < min || number > max)
    throw new CliError(CliErrorCode.USAGE, `--${name} must be ${what}, got "${value}".`);
  return number;
}

const SCOPE_USAGE = '[--client <name>] [--operation <name>]';
const scopeOptions = { client: { type: 'string' }, operation: { type: 'string' } } as const;

/** `--client` and `--operation`, each only when given (absent means every client or operation). */
function scopeOf(values: OptionValues): { client?: string; operation?: string } {
  const client = stringOption(values, 'client');
  const operation = stringOption(values, 'operation');
  return { ...(client ? { client } : {}), ...(operation ? { operation } : {}) };
}

/** `switchyard sla set|list|remove`: service-level targets per graph variant, client and operation. */
export const slaCommands: CommandGroup = {
  summary: 'Set, list and remove SLA targets (latency p95/p99 and error rate); `usage sla` lists breaches',
  commands: {
    set: {
      summary: 'Set the target of the variant (or one client, or one operation), replacing the one there',
      usage: `${SCOPE_USAGE} [--p95-ms <ms> | --p99-ms <ms>] [--error-rate <fraction>]`,
      options: {
        ...scopeOptions,
        'p95-ms': { type: 'string' },
        'p99-ms': { type: 'string' },
        'error-rate': { type: 'string' },
      },
      async run({ values, common, io, api, variant }) {
        const p95 = numberOption(values, 'p95-ms', 0.001, 10_000, 'milliseconds above 0, at most 10000');
        const p99 = numberOption(values, 'p99-ms', 0.001, 10_000, 'milliseconds above 0, at most 10000');
        const errorRate = numberOption(values, 'error-rate', 0, 1, 'a fraction from 0 to 1 (0.01 is 1 %)');
        if (p95 !== undefined && p99 !== undefined)
          throw new CliError(
            CliErrorCode.USAGE,
            'Give --p95-ms or --p99-ms, not both: a target bounds one percentile.',
          );
        if (p95 === undefined && p99 === undefined && errorRate === undefined)
          throw new CliError(CliErrorCode.USAGE, 'Give --p95-ms, --p99-ms or --error-rate (or a latency and a rate).');
        const target = await api().setSlaTarget({
          ...variant(),
          ...scopeOf(values),
          ...(p99 === undefined
            ? { latencyPercentile: 95, latencyMs: p95 ?? null }
            : { latencyPercentile: 99, latencyMs: p99 }),
          errorRate: errorRate ?? null,
        });
        if (common.format === OutputFormat.JSON) io.stdout(JSON.stringify(target, null, 2));
        else
          io.stdout(
            `Set ${targetText(target)} for ${target.client ?? 'every client'} and ${target.operation ?? 'every operation'}.`,
          );
        return ExitCode.OK;
      },
    },
    list: {
      summary: 'List the targets of the variant',
      usage: '',
      options: {},
      async run({ common, io, api, variant }) {
        const targets = await api().slaTargets(variant());
        io.stdout(
          renderReport(
            {
              headers: ['Client', 'Operation', 'Target', 'Updated', 'By'],
              rows: targets.map((target) => [
                target.client ?? 'every client',
                target.operation ?? 'every operation',
                targetText(target),
                target.updatedAt,
                target.updatedBy,
              ]),
              raw: targets,
              empty: 'No SLA targets are set for this variant; set one with `switchyard sla set`.',
            },
            common.format,
          ),
        );
        return ExitCode.OK;
      },
    },
    remove: {
      summary: 'Remove the target of the variant (or of one client, or one operation)',
      usage: SCOPE_USAGE,
      options: scopeOptions,
      async run({ values, common, io, api, variant }) {
        const removed = await api().deleteSlaTarget({ ...variant(), ...scopeOf(values) });
        if (common.format === OutputFormat.JSON) io.stdout(JSON.stringify({ removed }));
        else io.stdout(removed ? 'Removed the target.' : 'There was no such target.');
        return ExitCode.OK;
      },
    },
  },
};
