import { GraphQLError, Lexer, Source, type Token, TokenKind } from 'graphql';

const OPENING: ReadonlySet<string> = new Set([TokenKind.BRACKET_L, TokenKind.BRACE_L, TokenKind.PAREN_L]);
const CLOSING: ReadonlySet<string> = new Set([TokenKind.BRACKET_R, TokenKind.BRACE_R, TokenKind.PAREN_R]);

/**
 * How deeply `sdl` nests, read token by token without parsing (the lexer does not recurse, the parser and
 * federation do, and overflow the stack on a few thousand levels): every `[` (list types and list values), `{`
 * (type bodies and input object values) and `(` (arguments) opens a level, and a string given as an argument value
 * (`@key(fields: "a { b { c } }")`, which federation parses as a selection set) adds the braces nested inside it.
 * Stops counting once past `limit` and answers `limit + 1`; on a token that does not lex it answers the depth
 * reached before it, leaving the syntax error to the parser.
 */
export function measureSchemaDepth(sdl: string, limit: number): number {
  const lexer = new Lexer(new Source(sdl));
  let depth = 0;
  let deepest = 0;
  let previous: Token | undefined;
  for (;;) {
    let token: Token;
    try {
      token = lexer.advance();
    } catch (error) {
      if (error instanceof GraphQLError) return deepest;
      throw error;
    }
    if (token.kind === TokenKind.EOF) return deepest;
    if (OPENING.has(token.kind)) depth += 1;
    else if (CLOSING.has(token.kind)) depth = Math.max(0, depth - 1);
    const inString =
      (token.kind === TokenKind.STRING || token.kind === TokenKind.BLOCK_STRING) && previous?.kind === TokenKind.COLON
        ? braceDepth(token.value ?? '')
        : 0;
    deepest = Math.max(deepest, depth + inString);
    if (deepest > limit) return limit + 1;
    previous = token;
  }
}

/** The deepest `{` nesting in a string (a field set's selections). */
function braceDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const character of text) {
    if (character === '{') {
      depth += 1;
      deepest = Math.max(deepest, depth);
    } else if (character === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/** A sentence saying that `subgraph` nests deeper than `limit` (MAX_SCHEMA_DEPTH), or `undefined` when it does not. */
export function findSchemaDepthProblem(subgraph: string, depth: number, limit: number): string | undefined {
  if (depth <= limit) return undefined;
  return `Subgraph "${subgraph}" nests more than ${limit} levels deep (list types and values, input objects, arguments, field sets), over the registry's limit of ${limit} (MAX_SCHEMA_DEPTH).`;
}
