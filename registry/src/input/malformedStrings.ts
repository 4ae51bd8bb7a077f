/** Where and why a decoded input holds a string the database cannot store or a client did not mean. */
export interface MalformedString {
  /** JSON path of the string, e.g. `variables.input.author`; `(body)` for the value itself. */
  path: string;
  reason: 'NUL byte' | 'lone surrogate';
}

// A UTF-16 surrogate without its pair: PostgreSQL cannot store it (and PGlite fails on it) and no client means it.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `value` is unfit as text (a NUL byte, which PostgreSQL's `text` refuses, or a lone surrogate), if it is. */
export function findStringProblem(value: string): MalformedString['reason'] | undefined {
  if (value.includes('\u0000')) return 'NUL byte';
  if (loneSurrogate.test(value)) return 'lone surrogate';
  return undefined;
}

/**
 * The first string (keys included) in a decoded JSON value holding a NUL byte or a lone surrogate, or
 * `undefined`. Walks iteratively, so a deeply nested body cannot overflow the stack.
 */
export function findMalformedString(value: unknown): MalformedString | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const where = item.path || '(body)';
    if (typeof item.value === 'string') {
      const reason = findStringProblem(item.value);
      if (reason) return { path: where, reason };
    } else if (Array.isArray(item.value)) {
      item.value.forEach((element, index) => {
        stack.push({ value: element, path: `${item.path}[${index}]` });
      });
    } else if (item.value !== null && typeof item.value === 'object') {
      for (const [key, element] of Object.entries(item.value)) {
        const reason = findStringProblem(key);
        if (reason) return { path: where, reason };
        stack.push({ value: element, path: item.path ? `${item.path}.${key}` : key });
      }
    }
  }
  return undefined;
}

/** A `\u` escape of NUL or of a surrogate: the only way JSON text decoded from UTF-8 can yield either. */
const suspectEscape = /\\u(0000|[dD][89a-fA-F])/;

/**
 * `findMalformedString` of a value parsed from `json`, skipping the walk when the text has no escape that could
 * decode to a NUL byte or a surrogate (text decoded from UTF-8 holds neither raw), which is what nearly every body is.
 */
export function findMalformedStringInJson(json: string, value: unknown): MalformedString | undefined {
  return suspectEscape.test(json) ? findMalformedString(value) : undefined;
}
