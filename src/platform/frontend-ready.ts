import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';

export interface WaitOptions {
  timeoutMs: number;
  /** When set, also wait until this namespace can be described (the dev server creates it at start). */
  namespace?: string;
  /** Checked between attempts; a returned message aborts the wait with that message. */
  giveUpIf?: () => string | undefined;
}

/** Polls a Temporal frontend (gRPC GetSystemInfo, then DescribeNamespace) until it answers. */
export async function waitForFrontend(address: string, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const reason = options.giveUpIf?.();
    if (reason) throw new Error(reason);
    try {
      // A refused TCP connect fails at once, a gRPC connect only at its timeout: probe first.
      await tcpProbe(address);
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        if (options.namespace) await connection.workflowService.describeNamespace({ namespace: options.namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`Temporal at ${address} did not answer within ${options.timeoutMs / 1000} s (last error: ${detail})`);
    }
    await sleep(100);
  }
}

function tcpProbe(address: string): Promise<void> {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon).replace(/^\[|\]$/g, '');
  const port = Number(address.slice(colon + 1));
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer from ${address} within 1 s`));
    });
    socket.once('error', reject);
  });
}
