import { loadConfig } from './platform/config.js';
import { startRecflow } from './runtime.js';
import { DEMO, demoTokenFile, ensureDemoToken } from './seed.js';

/** `npm start`: the whole stack on embedded defaults, until Ctrl-C. */
const started = Date.now();
const log = (m: string) => console.log(`[recflow] ${m}`);
const config = loadConfig();
const running = await startRecflow(config, log).catch((err: Error) => {
  console.error(`[recflow] could not start: ${err.message}`);
  process.exit(1);
});

const token = await ensureDemoToken(running.db, config.dataDir);

console.log(`
recflow is ready (${((Date.now() - started) / 1000).toFixed(1)} s)
  API          ${running.apiUrl}
  Temporal UI  ${running.uiUrl ?? '(external cluster; set TEMPORAL_UI_URL)'}
  Temporal     ${running.temporalAddress}
  Mail         ${running.mailTarget}
  Data         ${config.dataDir}
  API token    ${token}   (demo tenant; also in ${demoTokenFile(config.dataDir)})

Trigger the sample rule (moves the demo opportunity to "won"):
  curl -s -X POST ${running.apiUrl}/v1/opportunities/${DEMO.opportunityId}/status -H 'authorization: Bearer ${token}' -H 'content-type: application/json' -d '{"status":"won"}'
Press Ctrl-C to stop; data stays in ${config.dataDir}.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    running.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
