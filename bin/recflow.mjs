#!/usr/bin/env node
// Runs the TypeScript CLI in this very process (tsx's loader), so signals such as
// Ctrl-C or a supervisor's SIGTERM reach recflow itself and no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
