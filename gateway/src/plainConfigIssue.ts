import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

const KIND: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a JSON array',
  object: 'a JSON object',
  record: 'a JSON object',
};

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `[0, "client"]` inside API_KEYS → `entry 1` and the key `client`. */
function locate(inner: PropertyKey[]): { where: string; key?: string } {
  const parts: string[] = [];
  let key: string | undefined;
  inner.forEach((part, index) => {
    const last = index === inner.length - 1;
    if (typeof part === 'number') parts.push(`entry ${part + 1}`);
    else if (last) key = String(part);
    else parts.push(`"${String(part)}"`);
  });
  return { where: parts.join(' '), key };
}

/**
 * One configuration problem in plain words, naming the setting: `API_KEYS: entry 1 needs "client" (text)` or
 * `PORT: expected a number, got "http"`, not a schema library's dump. `raw` holds the variables' text as set
 * (without secrets), shown when the problem is with the whole value.
 */
export function plainConfigIssue(issue: Issue, raw: Record<string, string | undefined>): string {
  const [first, ...inner] = issue.path;
  const name = first === undefined ? '(environment)' : String(first);
  const { where, key } = locate(inner);
  const subject = [where, key && `"${key}"`].filter(Boolean).join(' ');
  const prefix = subject ? `${name}: ${subject}` : name;
  const value = inner.length === 0 ? raw[name] : issue.input;
  const got = value === undefined ? '' : `, got ${shown(value)}`;

  switch (issue.code) {
    case 'invalid_type': {
      const expected = KIND[issue.expected] ?? issue.expected;
      if (key !== undefined && issue.input === undefined) {
        return `${name}: ${where ? `${where} ` : ''}needs "${key}" (${expected})`;
      }
      return `${prefix}: expected ${expected}${got}`;
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const exclusive = issue.inclusive === false;
      if (issue.origin === 'string') {
        return `${prefix}: must be ${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} characters long`;
      }
      if (issue.origin === 'array') {
        return `${prefix}: must have ${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} entries`;
      }
      const relation =
        issue.code === 'too_small' ? (exclusive ? 'above' : 'at least') : exclusive ? 'below' : 'at most';
      return `${prefix}: must be ${relation} ${bound}${got}`;
    }
    case 'invalid_value':
      return `${prefix}: must be one of ${issue.values.map((v) => String(v)).join(', ')}${got}`;
    case 'invalid_format':
      return `${prefix}: must be ${issue.format === 'url' ? 'a URL' : `in ${issue.format} format`}${got}`;
    case 'unrecognized_keys':
      return `${prefix}: unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return `${prefix}: ${issue.message}`;
  }
}
