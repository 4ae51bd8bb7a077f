import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, CliErrorCode } from './CliError';

/** Reads the `--schema` (or `--<flag>`) file, resolved against `cwd`; a usage error naming the file when it cannot be read. */
export async function readSchemaFile(cwd: string, path: string, flag = 'schema'): Promise<string> {
  try {
    return await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new CliError(CliErrorCode.USAGE, `Cannot read --${flag} ${path} (${reason}).`);
  }
}
