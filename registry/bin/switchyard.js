#!/usr/bin/env node
// The `switchyard` command: runs the compiled CLI (`npm run build` writes dist/). From a source checkout without a
// build: `npx tsx --conditions=@switchyard/source registry/src/cli/main.ts`.
await import('../dist/cli/main.js');
