import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config.js';
import { quietTemporalRuntime } from '../support/temporal.js';

// Recorded histories of sample runs, replayed against today's interpreter: a change that
// would make running workflows take another path fails here. Put such changes behind
// patched('<id>'); re-record only for a deliberate break (RECORD_HISTORIES=1 and the
// workflow tests write the files). Not the SDK's historyFromJSON: with two protobufjs
// copies installed it fails ("type must be a Type").
const dir = path.join(projectRoot, 'test', 'fixtures', 'histories');

describe('replay of recorded rule runs', () => {
  it('every recorded history replays without nondeterminism', async () => {
    quietTemporalRuntime();
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThan(0);
    const histories = await Promise.all(
      files.map(async (f) => ({ workflowId: f, history: proto.temporal.api.history.v1.History.fromObject(JSON.parse(await readFile(path.join(dir, f), 'utf8'))) })),
    );
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowsPath: path.join(projectRoot, 'workflows', 'index.ts') }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
