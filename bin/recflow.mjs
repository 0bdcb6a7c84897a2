#!/usr/bin/env node
// Runs the TypeScript CLI in this very process (tsx's loader), so signals such as
// Ctrl-C or a supervisor's SIGTERM reach recflow itself and no build step is needed.
// `rules check` must answer at once: it runs from a bundle that bin/prebuilt.mjs keeps
// in step with its sources, and via tsx only when no bundle can be built.
const [command, sub] = process.argv.slice(2);
const fast = command === 'rules' && sub === 'check' ? await (await import('./prebuilt.mjs')).prebuilt('rules-check') : undefined;
if (fast) {
  await fast.exports.main(process.argv.slice(4));
  fast.save();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/index.ts');
}
