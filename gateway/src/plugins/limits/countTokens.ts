import { Lexer, Source, TokenKind } from 'graphql';

/**
 * Counts the lexer tokens of a GraphQL source, stopping at `stopAfter` + 1 so that an oversized document costs no
 * more than the limit to reject. Comments do not count (as in graphql-js `parse(…, { maxTokens })`). A lexing error
 * ends the count; parsing reports it.
 */
export function countTokens(source: string, stopAfter: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > stopAfter) break;
    }
  } catch {
    // A syntax error: the parser reports it with its location.
  }
  return count;
}
