#!/usr/bin/env node
// The CLI, compiled to dist/ by `npm run build` (run at install by `prepare`).
await import('../dist/cli/main.js');
