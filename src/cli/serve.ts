import { loadConfig } from '../platform/config.js';
import { startRecflow } from '../runtime.js';

/** One part of the stack as its own process, for compose and multi-machine setups. */
export async function runPart(part: 'worker' | 'api'): Promise<void> {
  const log = (m: string) => console.log(`[recflow ${part}] ${m}`);
  const config = loadConfig();
  const running = await startRecflow(config, log, { api: part === 'api', worker: part === 'worker' });
  log(part === 'api' ? `listening on ${running.apiUrl}` : 'ready');
  const stop = () => void running.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
