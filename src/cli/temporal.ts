import { loadConfig } from '../platform/config.js';
import { registerSearchAttributes } from '../platform/register-search-attributes.js';
import { buildTemporalCli } from '../platform/temporal-cli.js';
import { connectTemporal } from '../platform/temporal-connection.js';
import { ensureTestServer } from '../platform/test-server.js';

const usage = `usage: recflow temporal <subcommand>

  register-search-attributes  add recflow's search attributes to TEMPORAL_NAMESPACE on TEMPORAL_ADDRESS
  build-cli                   build the pinned Temporal CLI into the tool cache (Go; minutes the first time)
  fetch-test-server           fetch the time-skipping test server jars with Maven into the tool cache`;

export async function temporalCommand(args: string[]): Promise<void> {
  const log = (message: string) => console.log(message);
  const config = loadConfig();
  try {
    switch (args[0]) {
      case 'register-search-attributes': {
        if (!config.temporal.address) {
          log(`TEMPORAL_ADDRESS is unset: using the dev server at 127.0.0.1:${config.temporal.devServerPort}.`);
        }
        const { connection, nativeConnection, namespace } = await connectTemporal(config);
        try {
          const { added, existing } = await registerSearchAttributes(connection, namespace);
          log(`namespace "${namespace}": added ${added.join(', ') || 'none'}; already there: ${existing.join(', ') || 'none'}`);
        } finally {
          await connection.close();
          await nativeConnection.close();
        }
        break;
      }
      case 'build-cli':
        log(`Temporal CLI: ${await buildTemporalCli(config, log)}`);
        break;
      case 'fetch-test-server': {
        const { dir } = await ensureTestServer(config, log);
        log(`Temporal test server: ${dir}`);
        break;
      }
      default:
        console.error(args[0] ? `unknown subcommand "${args[0]}"\n\n${usage}` : usage);
        process.exitCode = 2;
    }
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}
