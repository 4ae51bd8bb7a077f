import type { Random } from './createRandom';
import type { HostileRequest } from './hostileRequest';
import { jsonPost, rawPost } from './requestBuilders';
import type { SeedGraph, SeedOperation } from './seedGraphs';

/** The credentials the gateway under test accepts, for cases that tamper with them. */
export interface Credentials {
  jwtSecret: string;
  apiKey: string;
  /** The clock tokens are issued against, in seconds: the one input of the cases besides the seed. */
  nowSeconds: number;
}

/** A generator of one category: one request from the random stream, for a graph. */
export type CaseGenerator = (random: Random, graph: SeedGraph, credentials: Credentials) => HostileRequest;

const TOKEN =
  /\.\.\.|[A-Za-z_]\w*|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|[!$&():=@[\]{}|]|\S/g;
const JUNK_TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '...',
  '@',
  '$',
  ':',
  '=',
  '!',
  '|',
  '&',
  '"',
  '"unterminated',
  '"""',
  '#comment\n',
  '\u0000',
  '\uFEFF',
  '\u2028',
  '😀',
  'é',
  '__schema',
  '__type',
  'fragment',
  'on',
  'query',
  'mutation',
  'subscription',
  'null',
  'true',
  '1e999',
  '99999999999999999999',
  '-0',
  '0x1F',
  '.5',
  '$$',
  '@@',
  '\\',
  '\\u0000',
  '{}',
  '[[[[',
  'extend',
  'schema',
  'directive',
  'type Query { a: Int }',
  '@defer',
  '@stream(initialCount: 1)',
];

const tokensOf = (query: string) => query.match(TOKEN) ?? [];
const payloadOf = (operation: SeedOperation, query: string) => ({
  query,
  ...(operation.variables ? { variables: operation.variables } : {}),
  ...(operation.operationName ? { operationName: operation.operationName } : {}),
});

function mutation(category: string, mutate: (random: Random, tokens: string[]) => [string[], string]): CaseGenerator {
  return (random, graph) => {
    const operation = random.pick(graph.operations);
    const [tokens, what] = mutate(random, tokensOf(operation.query));
    return jsonPost(category, `${what} in "${operation.query.slice(0, 60)}…"`, payloadOf(operation, tokens.join(' ')));
  };
}

export const truncated = mutation('truncated', (random, tokens) => {
  const keep = random.int(0, tokens.length - 1);
  return [tokens.slice(0, keep), `cut after ${keep} of ${tokens.length} tokens`];
});

export const duplicatedTokens = mutation('duplicatedTokens', (random, tokens) => {
  const copy = [...tokens];
  const at = random.int(0, copy.length - 1);
  const times = random.pick([1, 2, 10, 500]);
  copy.splice(at, 0, ...Array<string>(times).fill(copy[at] ?? ''));
  return [copy, `token ${at} (${tokens[at]}) repeated ${times} more times`];
});

export const swappedTokens = mutation('swappedTokens', (random, tokens) => {
  const copy = [...tokens];
  const swaps = random.int(1, 4);
  for (let i = 0; i < swaps; i++) {
    const a = random.int(0, copy.length - 1);
    const b = random.int(0, copy.length - 1);
    [copy[a], copy[b]] = [copy[b] ?? '', copy[a] ?? ''];
  }
  return [copy, `${swaps} token swaps`];
});

export const junkTokens = mutation('junkTokens', (random, tokens) => {
  const copy = [...tokens];
  const count = random.int(1, 3);
  const inserted: string[] = [];
  for (let i = 0; i < count; i++) {
    const junk = random.pick(JUNK_TOKENS);
    inserted.push(JSON.stringify(junk));
    if (random.chance(0.5)) copy.splice(random.int(0, copy.length), 0, junk);
    else copy[random.int(0, copy.length - 1)] = junk;
  }
  return [copy, `junk ${inserted.join(', ')}`];
});

export const deepBomb: CaseGenerator = (random, graph) => {
  const depth = random.pick([16, 20, 50, 200, 1000, random.int(10, 3000)]);
  const kind = random.int(0, 3);
  const query =
    kind === 0
      ? graph.nest(depth, 'id')
      : kind === 1
        ? `{ ${'a { '.repeat(depth)}b${' }'.repeat(depth)} }`
        : kind === 2
          ? `{ ${'... on Query { '.repeat(depth)}__typename${' }'.repeat(depth)} }`
          : `{ ${graph.cheapRootField.replace(/\(.*?\)/, `(id: ${'['.repeat(depth)}1${']'.repeat(depth)})`)} }`;
  return jsonPost('deepBomb', `${['field', 'unknown-field', 'inline-fragment', 'list-literal'][kind]} depth ${depth}`, {
    query,
  });
};

export const aliasBomb: CaseGenerator = (random, graph) => {
  const count = random.pick([31, 100, 1000, random.int(20, 4000)]);
  const field = random.chance(0.5) ? graph.cheapRootField : '__typename';
  const aliases = Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');
  return jsonPost('aliasBomb', `${count} aliases of ${field}`, { query: `{ ${aliases} }` });
};

export const fieldDuplication: CaseGenerator = (random, graph) => {
  const count = random.pick([10, 1000, random.int(100, 8000)]);
  const selection = `${graph.scalarField} `.repeat(count);
  const query = random.chance(0.5)
    ? `{ ${graph.objectField} { ${selection} } }`
    : `{ ${`${graph.cheapRootField} `.repeat(count)} }`;
  return jsonPost('fieldDuplication', `${count} repeated fields`, { query });
};

export const fragmentBomb: CaseGenerator = (random, graph) => {
  const kind = random.int(0, 3);
  const levels = random.int(3, 40);
  let query: string;
  let what: string;
  if (kind === 0) {
    // Each level spreads the next twice: 2^levels fields once expanded.
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join(' ');
    query = `{ ...F0 } ${fragments} fragment F${levels} on Query { ${graph.cheapRootField} }`;
    what = `exponential spreads, ${levels} levels`;
  } else if (kind === 1) {
    const fragments = Array.from({ length: levels }, (_, i) => `fragment C${i} on Query { ...C${(i + 1) % levels} }`);
    query = `{ ...C0 } ${fragments.join(' ')}`;
    what = `a cycle of ${levels} fragments`;
  } else if (kind === 2) {
    const count = levels * 50;
    const fragments = Array.from({ length: count }, (_, i) => `fragment U${i} on Query { __typename }`).join(' ');
    query = `{ __typename ...U0 } ${fragments}`;
    what = `${count} fragments, one used`;
  } else {
    query = `{ ...Wrong ...Missing } fragment Wrong on NoSuchType { id } fragment Wrong on Query { __typename }`;
    what = 'unknown type condition, missing and duplicate fragments';
  }
  return jsonPost('fragmentBomb', what, { query });
};

export const directiveFlood: CaseGenerator = (random, graph) => {
  const count = random.pick([10, 100, 1000, random.int(50, 3000)]);
  const kind = random.int(0, 3);
  const directive = ['@include(if: true)', '@skip(if: false)', '@unknown', '@deprecated'][kind] ?? '@x';
  const query = random.chance(0.3)
    ? `query Q ${`${directive} `.repeat(count)}{ ${graph.cheapRootField} }`
    : `{ ${graph.objectField} ${`${directive} `.repeat(count)} { ${graph.scalarField} } }`;
  const deferred = random.chance(0.15);
  return jsonPost('directiveFlood', `${count} × ${directive}${deferred ? ' and @defer' : ''}`, {
    query: deferred ? `{ ... @defer { ${graph.cheapRootField} } ${query.slice(1)}` : query,
  });
};

const STRING_PIECES = ['a', 'é', '😀', '\\u0000', '\\uD800', '\\n', '\\"', '\\\\', '\u2028', 'x'.repeat(100)];

export const hugeString: CaseGenerator = (random, graph) => {
  const size = random.pick([10_000, 100_000, 500_000, 1_100_000, random.int(1000, 1_000_000)]);
  const piece = random.pick(STRING_PIECES);
  const text = piece.repeat(Math.ceil(size / piece.length)).slice(0, size);
  const kind = random.int(0, 2);
  const literal = kind === 0 ? `"${text.replace(/\\$/, '')}"` : kind === 1 ? `"""${text}"""` : '$s';
  const query = `${kind === 2 ? 'query ($s: String)' : ''} { ${graph.stringArgumentField.replace('$', literal)} }`;
  const variables = kind === 2 ? { s: text } : undefined;
  return jsonPost(
    'hugeString',
    `${size} chars of ${JSON.stringify(piece.slice(0, 8))} as ${['string', 'block', 'variable'][kind]}`,
    {
      query,
      variables,
    },
  );
};

export const hugeVariables: CaseGenerator = (random, graph) => {
  const operation = random.pick(graph.operations);
  const kind = random.int(0, 3);
  const size = random.pick([1000, 50_000, 120_000]);
  if (kind === 2) {
    // Written as text: nesting this deep is past what JSON.stringify (and any recursive walker) can take.
    const depth = size / 10;
    const payload = JSON.stringify(payloadOf(operation, operation.query)).slice(0, -1);
    return rawPost(
      'hugeVariables',
      `deep nesting (${depth})`,
      Buffer.from(
        `${payload},"variables":{"id":${'['.repeat(depth)}${']'.repeat(depth)},"input":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`,
      ),
    );
  }
  let variables: unknown;
  if (kind === 0) variables = Object.fromEntries(Array.from({ length: size }, (_, i) => [`v${i}`, i]));
  else if (kind === 1) variables = { ...operation.variables, id: Array.from({ length: size }, (_, i) => i) };
  else
    variables = {
      ...operation.variables,
      input: { lines: Array.from({ length: size / 10 }, () => ({ quantity: 1e308 })) },
    };
  return jsonPost(
    'hugeVariables',
    `${['many keys', 'long list', 'deep nesting', 'many input objects'][kind]} (${size})`,
    {
      ...payloadOf(operation, operation.query),
      variables,
    },
  );
};

const WRONG_VALUES: unknown[] = [
  42,
  -1,
  1.5,
  2 ** 53 + 2,
  1e308,
  true,
  false,
  null,
  '',
  'NaN',
  '😀',
  [],
  [1, 2],
  {},
  { id: 1 },
  JSON.parse('{"__proto__":1}'),
  'x'.repeat(1000),
  '\u0000',
];

export const wrongVariableTypes: CaseGenerator = (random, graph) => {
  const withVariables = graph.operations.filter((operation) => operation.variables);
  const operation = random.pick(withVariables);
  const kind = random.int(0, 2);
  if (kind === 0) {
    const variables: Record<string, unknown> = { ...operation.variables };
    const name = random.pick(Object.keys(variables));
    variables[name] = random.pick(WRONG_VALUES);
    return jsonPost('wrongVariableTypes', `$${name} = ${JSON.stringify(variables[name])?.slice(0, 40)}`, {
      ...payloadOf(operation, operation.query),
      variables,
    });
  }
  if (kind === 1) {
    const variables = random.pick<unknown>(['{}', 'x', 42, [], [operation.variables], true, { undeclared: 1 }, {}]);
    return jsonPost('wrongVariableTypes', `variables ${JSON.stringify(variables)}`, {
      ...payloadOf(operation, operation.query),
      variables,
    });
  }
  const query = operation.query.replace(/\$(\w+): (\w+)(!?)/, (_, name: string) =>
    random.pick([`$${name}: Int = "x"`, `$${name}: NoSuchType`, `$${name}: [[ID!]!]!`, `$${name}: Query`, `$${name}`]),
  );
  return jsonPost('wrongVariableTypes', `declaration changed: ${query.slice(0, 60)}`, payloadOf(operation, query));
};

export const badOperationName: CaseGenerator = (random, graph) => {
  const operation = random.pick(graph.operations);
  const kind = random.int(0, 4);
  if (kind === 0) {
    const operationName = random.pick<unknown>([
      'Nope',
      '',
      null,
      42,
      {},
      [],
      'Supply\u0000',
      'x'.repeat(10_000),
      ' ',
      '__proto__',
    ]);
    return jsonPost('badOperationName', `operationName ${JSON.stringify(operationName)?.slice(0, 40)}`, {
      query: operation.query,
      variables: operation.variables,
      operationName,
    });
  }
  if (kind === 1) {
    return jsonPost('badOperationName', 'two anonymous operations', {
      query: `{ ${graph.cheapRootField} } { __typename }`,
    });
  }
  if (kind === 2) {
    return jsonPost('badOperationName', 'two named operations, no operationName', {
      query: `query A { ${graph.cheapRootField} } query B { __typename }`,
    });
  }
  if (kind === 3) {
    return jsonPost('badOperationName', 'duplicate operation names', {
      query: 'query A { __typename } query A { __typename }',
      operationName: 'A',
    });
  }
  return jsonPost('badOperationName', 'operationName of a fragment', {
    query: 'query A { ...F } fragment F on Query { __typename }',
    operationName: 'F',
  });
};

export const batched: CaseGenerator = (random, graph) => {
  const count = random.pick([0, 1, 2, 10, 60]);
  const kind = random.int(0, 2);
  const item = () => {
    const operation = random.pick(graph.operations);
    return payloadOf(operation, operation.query);
  };
  const payload =
    kind === 0
      ? Array.from({ length: count }, item)
      : kind === 1
        ? Array.from({ length: count }, () => random.pick<unknown>([null, 1, 'x', [], [item()], {}]))
        : [[Array.from({ length: count }, item)]];
  return jsonPost('batched', `${['operations', 'junk items', 'nested arrays'][kind]} ×${count}`, payload);
};
