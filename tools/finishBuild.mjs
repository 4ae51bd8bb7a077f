#!/usr/bin/env node
// Second half of every workspace's `npm run build`, after `tsc -p tsconfig.build.json` has written dist/ (run from
// the workspace's folder). The sources import each other without extensions (bundler resolution, as Vitest and tsx
// read them); Node's ESM loader needs the exact file, so each relative specifier in the emitted .js and .d.ts is
// completed to the file tsc wrote (`./config` → `./config.js`, `./schema` → `./schema/index.js`). The assets the
// code finds beside itself through `import.meta.url` (a .graphql file, a hand-written .d.ts) are copied from src/
// to the same place in dist/, so every relative path in the code means the same thing from src/ and dist/.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const src = 'src';
const dist = 'dist';

function* walk(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** The specifier completed to an emitted file, or `undefined` when there is none (a broken import fails the build). */
function complete(file, specifier) {
  if (/\.(m?js|json|graphql|d\.ts)$/.test(specifier)) return specifier;
  const base = join(dirname(file), specifier);
  if (existsSync(`${base}.js`)) return `${specifier}.js`;
  if (existsSync(join(base, 'index.js'))) return `${specifier}/index.js`;
  if (file.endsWith('.d.ts') && existsSync(`${base}.d.ts`)) return `${specifier}.js`;
  return undefined;
}

// `from '…'`, `import '…'`, `import('…')` and `export … from '…'` with a relative specifier, in tsc's output.
const relativeSpecifier = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.\.?\/[^'"]*)\2/g;
const unresolved = [];
for (const file of walk(dist)) {
  if (!/\.(js|d\.ts)$/.test(file)) continue;
  const text = readFileSync(file, 'utf8');
  const completed = text.replace(relativeSpecifier, (match, head, quote, specifier) => {
    const full = complete(file, specifier);
    if (full === undefined) {
      unresolved.push(`${file}: ${specifier}`);
      return match;
    }
    return `${head}${quote}${full}${quote}`;
  });
  if (completed !== text) writeFileSync(file, completed);
}
if (unresolved.length > 0) {
  console.error(`finishBuild: relative imports with no emitted file:\n  ${unresolved.join('\n  ')}`);
  process.exit(1);
}

// Assets: every file of src/ that tsc does not emit, except tests, snapshots and the tsx shims (*.mjs) that only
// the sources need.
let copied = 0;
if (existsSync(src) && statSync(src).isDirectory()) {
  for (const file of walk(src)) {
    const asset = file.endsWith('.d.ts') || !/\.(ts|mjs)$/.test(file);
    if (!asset || file.includes('__snapshots__') || /\.test\./.test(file)) continue;
    const target = join(dist, relative(src, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
    copied += 1;
  }
}
console.log(`finishBuild: ${relative(process.cwd(), dist) || dist} ready${copied ? `, ${copied} asset(s) copied` : ''}`);
