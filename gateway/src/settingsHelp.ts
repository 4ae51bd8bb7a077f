import { z } from 'zod';

export interface SettingHelp {
  name: string;
  /** The default as a user would write it (`1000`, `enforce`, `a,b`), or `unset`. */
  default: string;
  help: string;
}

function printed(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(',');
  if (typeof value === 'object' && value !== null)
    return Object.keys(value).length === 0 ? 'none' : JSON.stringify(value);
  return String(value);
}

/** Each setting of a config schema with its default and help text, in the schema's order. */
export function describeSettings(shape: Record<string, z.ZodType>): SettingHelp[] {
  return Object.entries(shape).map(([name, schema]) => {
    const inner = schema instanceof z.ZodDefault || schema instanceof z.ZodOptional ? schema.def.innerType : schema;
    const choices = inner instanceof z.ZodEnum ? ` (${inner.options.join(', ')})` : '';
    return {
      name,
      default: schema instanceof z.ZodDefault ? printed(schema.def.defaultValue) : 'unset',
      help: `${schema.description ?? ''}${choices}`,
    };
  });
}

/** The settings as aligned lines: name, default, help. */
export function settingsLines(settings: SettingHelp[]): string[] {
  const nameWidth = Math.max(...settings.map((s) => s.name.length)) + 2;
  const defaultWidth = Math.min(Math.max(...settings.map((s) => s.default.length)) + 2, 18);
  return settings.map(({ name, default: value, help }) => {
    const shownDefault =
      value.length + 2 > defaultWidth
        ? `${value}\n${' '.repeat(nameWidth + defaultWidth + 2)}`
        : value.padEnd(defaultWidth);
    return `  ${name.padEnd(nameWidth)}${shownDefault}${help}`;
  });
}
