import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { type DockerStage, readDockerfile } from './readDockerfile';
import { type ChartContext, renderChart } from './renderChart';

/** The repository's root, and a path in it. */
export const repoPath = (...parts: string[]) => join(fileURLToPath(new URL('../../', import.meta.url)), ...parts);

/**
 * Compose's variable interpolation (`${VAR}`, `${VAR:-default}`, `${VAR:?error}`, `$$` for a dollar), as `docker
 * compose config` does it: a variable without a value and without a default is an error.
 */
export function interpolate(text: string, variables: Record<string, string>): string {
  return text.replace(/\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g, (match, name: string | undefined, op, arg: string) => {
    if (match === '$$') return '$';
    const value = variables[name ?? ''];
    if (value !== undefined && value !== '') return value;
    if (op?.endsWith('-')) return arg;
    throw new Error(`compose variable ${name} is not set${op?.endsWith('?') ? `: ${arg}` : ''}`);
  });
}

/** deploy/compose.yaml as written (anchors merged) and as compose runs it with `variables`. */
export function readCompose(variables: Record<string, string>): { raw: ComposeFile; interpolated: ComposeFile } {
  const text = readFileSync(repoPath('deploy/compose.yaml'), 'utf8');
  const raw: ComposeFile = parse(text, { merge: true });
  const interpolated: ComposeFile = parse(interpolate(text, variables), { merge: true });
  return { raw, interpolated };
}

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  command?: string[] | string;
  entrypoint?: string[];
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** A Dockerfile of deploy/ read with compose's (or a chart's) build arguments. */
export function readServiceDockerfile(path: string, buildArgs: Record<string, string> = {}): DockerStage[] {
  return readDockerfile(readFileSync(repoPath(path), 'utf8'), buildArgs);
}

/** The key files deploy/generateKeys.mjs writes, made once into a temporary directory. */
export function generateKeys(): { dir: string; files: string[]; read(name: string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-keys-'));
  execFileSync(process.execPath, [repoPath('deploy/generateKeys.mjs'), dir]);
  return { dir, files: readdirSync(dir).sort(), read: (name) => readFileSync(join(dir, name), 'utf8') };
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  stringData?: Record<string, string>;
}

/** deploy/helm/switchyard rendered with its values.yaml under `overrides`, each document parsed. */
export function renderSwitchyardChart(overrides: Record<string, unknown>, releaseName = 'sy'): K8sObject[] {
  const chartDir = repoPath('deploy/helm/switchyard');
  const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8'));
  const values = deepMerge(parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8')), overrides);
  const context: ChartContext = {
    Values: values,
    Release: { Name: releaseName, Namespace: 'default' },
    Chart: { Name: chart.name, Version: chart.version },
  };
  const objects: K8sObject[] = [];
  for (const [file, text] of renderChart(chartDir, context)) {
    for (const document of parseAllDocuments(text)) {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
      const object = document.toJS();
      if (object !== null) objects.push(object);
    }
  }
  return objects;
}

/** The chart's values.yaml. */
export const chartValues = () => parse(readFileSync(repoPath('deploy/helm/switchyard/values.yaml'), 'utf8'));

/** Helm's merge of `--set`/`-f` values over the chart's: maps merge key by key, anything else replaces. */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key];
    merged[key] = isMap(current) && isMap(value) ? deepMerge(current, value) : value;
  }
  return merged;
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const fileExists = (path: string) => existsSync(repoPath(path));
