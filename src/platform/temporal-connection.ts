import { readFile } from 'node:fs/promises';
import { Connection, type TLSConfig } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from './config.js';

export interface TemporalConnections {
  /** For clients (starting, signalling, listing workflows). */
  connection: Connection;
  /** For workers. */
  nativeConnection: NativeConnection;
  namespace: string;
}

/**
 * Connects to config.temporal.address (an existing cluster, or the dev server's address
 * put there by the caller; 127.0.0.1:<devServerPort> when unset), with TLS and API key.
 */
export async function connectTemporal(config: Config): Promise<TemporalConnections> {
  const { temporal } = config;
  const address = temporal.address ?? `127.0.0.1:${temporal.devServerPort}`;
  const tls = await tlsFrom(temporal.tls);
  const apiKey = temporal.apiKey;
  let connection: Connection;
  try {
    connection = await Connection.connect({ address, tls, apiKey });
  } catch (err) {
    throw new Error(
      `Cannot reach Temporal at ${address} (namespace "${temporal.namespace}"): ${(err as Error).message}. ` +
        'Check TEMPORAL_ADDRESS, the TLS settings (TEMPORAL_TLS_*) and TEMPORAL_API_KEY, or unset TEMPORAL_ADDRESS to run the embedded dev server.',
    );
  }
  try {
    const nativeConnection = await NativeConnection.connect({ address, tls, apiKey });
    return { connection, nativeConnection, namespace: temporal.namespace };
  } catch (err) {
    await connection.close();
    throw new Error(`Worker connection to Temporal at ${address} failed: ${(err as Error).message}`);
  }
}

/** undefined: plain connection; {}: TLS with system CAs; else files read into buffers. */
async function tlsFrom(tls: Config['temporal']['tls']): Promise<TLSConfig | undefined> {
  if (!tls) return undefined;
  const read = async (file: string | undefined, variable: string) => {
    if (!file) return undefined;
    try {
      return await readFile(file);
    } catch (err) {
      throw new Error(`${variable}=${file} cannot be read: ${(err as Error).message}`);
    }
  };
  const crt = await read(tls.certPath, 'TEMPORAL_TLS_CERT');
  const key = await read(tls.keyPath, 'TEMPORAL_TLS_KEY');
  if (Boolean(crt) !== Boolean(key)) {
    throw new Error('mTLS needs both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY; only one is set');
  }
  const ca = await read(tls.caPath, 'TEMPORAL_TLS_CA');
  return {
    ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
    ...(ca ? { serverRootCACertificate: ca } : {}),
    ...(crt && key ? { clientCertPair: { crt, key } } : {}),
  };
}
