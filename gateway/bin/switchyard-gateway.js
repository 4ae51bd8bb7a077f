#!/usr/bin/env node
// Runs the compiled gateway (`npm run build` writes dist/). From a source checkout without a build, use
// `npm run dev -w @switchyard/gateway`, which runs src/ through tsx.
await import('../dist/main.js');
