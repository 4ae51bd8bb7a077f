import { describe, expect, it } from 'vitest';
import { CliError } from './CliError';
import { integerOption, parseCommandArgs, requireOption } from './parseCommandArgs';

const options = { name: { type: 'string' }, to: { type: 'string' } } as const;

describe('parseCommandArgs', () => {
  it('falls back to SWITCHYARD_* variables and defaults, flags winning', () => {
    const env = {
      SWITCHYARD_REGISTRY: 'http://registry:4100',
      SWITCHYARD_GRAPH: 'shop',
      SWITCHYARD_TOKEN: 'env-token',
    };
    const { common, values } = parseCommandArgs(['--name', 'accounts', '--token', 'flag-token'], options, env);
    expect(common).toEqual({
      registry: 'http://registry:4100',
      graph: 'shop',
      variant: 'prod',
      token: 'flag-token',
      format: 'text',
      help: false,
    });
    expect(requireOption(values, 'name', 'subgraph')).toBe('accounts');
  });

  it('rejects unknown flags, stray arguments and unknown formats as usage errors', () => {
    expect(thrownBy(() => parseCommandArgs(['--nme', 'x'], options, {}))).toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining("Unknown option '--nme'"),
    });
    expect(thrownBy(() => parseCommandArgs(['stray'], options, {}))).toBeInstanceOf(CliError);
    expect(() => parseCommandArgs(['--format', 'yaml'], options, {})).toThrow(
      '--format must be text (or table), json, markdown or csv, got "yaml".',
    );
  });

  it('names a missing required flag and checks version numbers', () => {
    const { values } = parseCommandArgs(['--to', 'three'], options, {});
    expect(() => requireOption(values, 'name', 'subgraph')).toThrow('Missing --name <subgraph>.');
    expect(() => integerOption(values, 'to')).toThrow('--to must be a whole number, got "three".');
    expect(integerOption(parseCommandArgs(['--to', '3'], options, {}).values, 'to')).toBe(3);
  });
});

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}
