import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Renders a Helm chart's templates without Helm, for tests: the subset of Go templates (and Helm functions) the
 * Switchyard chart uses, with Go's semantics, and nothing more. Supported: `{{ .Values.a.b }}`, `.Release.Name`,
 * `.Chart.Name`, `$` and `$var.path`, `{{- … -}}` whitespace trimming, comments, `range $key, $value :=`
 * (maps in key order, as Go does), `if`/`else`/`end`, and the functions `quote`, `required` and `eq`. Anything else
 * (an `include`, another function, a path that names no value) throws, so a template the subset cannot render
 * fails its test instead of being rendered wrong.
 */
export interface ChartContext {
  Values: Record<string, unknown>;
  Release: { Name: string; Namespace: string };
  Chart: { Name: string; Version: string };
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'output'; pipeline: string }
  | { kind: 'range'; key?: string; value?: string; pipeline: string; body: Node[] }
  | { kind: 'if'; pipeline: string; whenTrue: Node[]; otherwise: Node[] };

interface Scope {
  dot: unknown;
  root: ChartContext;
  vars: Record<string, unknown>;
}

export class TemplateError extends Error {}

const ACTION = /\{\{(-\s)?([\s\S]*?)(\s-)?\}\}/g;

/** Splits a template into text and actions, applying `{{-` and `-}}` trimming as Go does. */
function tokenize(template: string): ({ text: string } | { action: string })[] {
  const tokens: ({ text: string } | { action: string })[] = [];
  let last = 0;
  let trimNext = false;
  for (const match of template.matchAll(ACTION)) {
    let text = template.slice(last, match.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (match[1]) text = text.replace(/\s+$/, '');
    tokens.push({ text });
    tokens.push({ action: (match[2] ?? '').trim() });
    trimNext = Boolean(match[3]);
    last = (match.index ?? 0) + match[0].length;
  }
  const rest = template.slice(last);
  tokens.push({ text: trimNext ? rest.replace(/^\s+/, '') : rest });
  return tokens;
}

function parse(template: string): Node[] {
  const root: Node[] = [];
  const stack: { nodes: Node[]; node?: Extract<Node, { kind: 'range' | 'if' }>; inElse?: boolean }[] = [
    { nodes: root },
  ];
  for (const token of tokenize(template)) {
    const top = stack[stack.length - 1];
    if (!top) throw new TemplateError('unbalanced template');
    if ('text' in token) {
      if (token.text) top.nodes.push({ kind: 'text', text: token.text });
      continue;
    }
    const action = token.action;
    if (action.startsWith('/*')) continue;
    const range = /^range\s+(?:(\$\w+)\s*,\s*(\$\w+)\s*:=\s*)?(.+)$/s.exec(action);
    if (range) {
      const node: Node = { kind: 'range', key: range[1], value: range[2], pipeline: range[3] ?? '', body: [] };
      top.nodes.push(node);
      stack.push({ nodes: node.body, node });
    } else if (action.startsWith('if ')) {
      const node: Node = { kind: 'if', pipeline: action.slice(3), whenTrue: [], otherwise: [] };
      top.nodes.push(node);
      stack.push({ nodes: node.whenTrue, node });
    } else if (action === 'else') {
      if (top.node?.kind !== 'if' || top.inElse) throw new TemplateError('else outside an if');
      top.nodes = top.node.otherwise;
      top.inElse = true;
    } else if (action === 'end') {
      if (stack.length === 1) throw new TemplateError('end without range or if');
      stack.pop();
    } else if (/^(define|template|include|with|block)\b/.test(action)) {
      throw new TemplateError(`{{ ${action} }} is outside the subset this renderer implements`);
    } else {
      top.nodes.push({ kind: 'output', pipeline: action });
    }
  }
  if (stack.length !== 1) throw new TemplateError('a range or if is not closed with end');
  return root;
}

/** Splits `a "b c" | d` into commands and their words, keeping string literals whole. */
function commands(pipeline: string): string[][] {
  return pipeline.split(/\|(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((command) => {
    const words = command.trim().match(/"(?:[^"\\]|\\.)*"|\S+/g);
    if (!words) throw new TemplateError(`empty command in "${pipeline}"`);
    return words;
  });
}

// A key that is not there is Go's zero value (Helm prints `<no value>`); only output refuses it, so `required` can
// name what is missing.
function lookup(base: unknown, path: string[]): unknown {
  let value = base;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = Reflect.get(value, key);
  }
  return value;
}

function operand(word: string, scope: Scope): unknown {
  if (word.startsWith('"')) return JSON.parse(word);
  if (/^-?\d+(\.\d+)?$/.test(word)) return Number(word);
  if (word === 'true' || word === 'false') return word === 'true';
  if (word === '.') return scope.dot;
  if (word.startsWith('.')) return lookup(scope.dot, word.slice(1).split('.'));
  if (word === '$') return scope.root;
  if (word.startsWith('$.')) return lookup(scope.root, word.slice(2).split('.'));
  const variable = /^(\$\w+)((?:\.\w+)*)$/.exec(word);
  if (variable?.[1]) {
    if (!Object.hasOwn(scope.vars, variable[1])) throw new TemplateError(`undefined variable ${variable[1]}`);
    const path = variable[2] ? variable[2].slice(1).split('.') : [];
    return lookup(scope.vars[variable[1]], path);
  }
  throw new TemplateError(`"${word}" is outside the subset this renderer implements`);
}

const functions: Record<string, (...args: unknown[]) => unknown> = {
  quote: (value) => JSON.stringify(value === undefined || value === null ? '' : String(value)),
  required: (message, value) => {
    if (value === undefined || value === null || value === '') throw new TemplateError(String(message));
    return value;
  },
  eq: (a, b) => a === b,
};

function evaluate(pipeline: string, scope: Scope): unknown {
  let piped: unknown[] = [];
  for (const [head, ...args] of commands(pipeline)) {
    if (head === undefined) continue;
    const fn = functions[head];
    if (fn) piped = [fn(...args.map((word) => operand(word, scope)), ...piped)];
    else if (args.length === 0 && piped.length === 0) piped = [operand(head, scope)];
    else throw new TemplateError(`function "${head}" is outside the subset this renderer implements`);
  }
  return piped[0];
}

function print(value: unknown, pipeline: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TemplateError(`{{ ${pipeline} }} is ${value === undefined ? 'missing' : 'not a scalar'}`);
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

function run(nodes: Node[], scope: Scope): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'output') out += print(evaluate(node.pipeline, scope), node.pipeline);
    else if (node.kind === 'if')
      out += run(truthy(evaluate(node.pipeline, scope)) ? node.whenTrue : node.otherwise, scope);
    else {
      const collection = evaluate(node.pipeline, scope);
      if (collection === undefined || collection === null) continue;
      if (typeof collection !== 'object') throw new TemplateError(`range over a scalar: ${node.pipeline}`);
      const entries: [unknown, unknown][] = Array.isArray(collection)
        ? collection.map((item, index) => [index, item])
        : Object.entries(collection).sort(([a], [b]) => (a < b ? -1 : 1));
      for (const [key, value] of entries) {
        const vars = { ...scope.vars };
        if (node.key) vars[node.key] = key;
        if (node.value) vars[node.value] = value;
        out += run(node.body, { ...scope, dot: value, vars });
      }
    }
  }
  return out;
}

/** Renders one template's text against `context`. Throws `TemplateError` for what the subset cannot render. */
export function renderTemplate(template: string, context: ChartContext): string {
  return run(parse(template), { dot: context, root: context, vars: {} });
}

/** Renders every `templates/*.yaml` of the chart in `chartDir`, by file name (Helm's `helm template`, in small). */
export function renderChart(chartDir: string, context: ChartContext): Map<string, string> {
  const rendered = new Map<string, string>();
  const dir = join(chartDir, 'templates');
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.yaml')) continue;
    rendered.set(file, renderTemplate(readFileSync(join(dir, file), 'utf8'), context));
  }
  return rendered;
}
