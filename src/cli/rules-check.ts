// `recflow rules check [paths] [--json]`. Its own module because bin/recflow.mjs runs it
// from a prebuilt bundle (bin/prebuilt.mjs): what it imports decides how fast it starts.
import { writeSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../platform/config.js';
import { ERROR_CODES, renderError } from '../rules/errors.js';
import { checkRuleSet } from '../rules/load/rule-set.js';
import { reportFailure } from './failure.js';

/** The whole command as the prebuilt bundle runs it: exit code and errors as through `recflow`. */
export async function main(args: string[]): Promise<void> {
  try {
    process.exitCode = await check(args);
  } catch (e) {
    reportFailure(e);
  }
}

/** Prints every error (or the JSON report); 1 when a file has an error. */
export async function check(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const paths = args.filter((a) => a !== '--json');
  const { rulesDir } = loadConfig();
  const groups = await groupByFolder(paths.length ? paths : [rulesDir]);
  // process.hrtime, not performance.now(): the global `performance` loads node:perf_hooks (~1.5 ms).
  const started = process.hrtime.bigint();
  let rules = 0;
  const errors = [];
  for (const [dir, files] of groups) {
    const set = await checkRuleSet({ dir, files });
    rules += set.rules;
    errors.push(...set.errors);
  }
  const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  if (json) {
    print(JSON.stringify({ ok: errors.length === 0, rules, errors: errors.map((e) => ({ ...e, about: ERROR_CODES[e.code] })) }, null, 2));
  } else {
    const lines = errors.map(renderError);
    lines.push(errors.length ? `\n${errors.length} error(s); ${rules} rule(s) without errors (${ms} ms)` : `✔ ${rules} rule(s) OK (${ms} ms)`);
    print(lines.join('\n'));
  }
  return errors.length ? 1 : 0;
}

/**
 * What console.log(text) prints, written straight to stdout's file descriptor: the first
 * use of process.stdout builds its stream (for a pipe, node:net and node:stream), ~6 ms of
 * a start. A stdout that refuses (non-blocking and full, closed) gets the rest as console.log would.
 */
function print(text: string): void {
  const bytes = Buffer.from(`${text}\n`);
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done);
  } catch {
    if (done === 0) console.log(text);
    else {
      process.stdout.once('error', () => {}); // console.log ignores write errors too
      process.stdout.write(bytes.subarray(done));
    }
  }
}

/** Folders check all their rules; files are checked with their folder's templates and pipelines. */
async function groupByFolder(paths: string[]): Promise<Map<string, string[] | undefined>> {
  const groups = new Map<string, string[] | undefined>();
  for (const p of paths.map((x) => path.resolve(x))) {
    if ((await stat(p)).isDirectory()) groups.set(p, undefined);
    else {
      const dir = path.dirname(p);
      if (groups.has(dir) && groups.get(dir) === undefined) continue;
      groups.set(dir, [...(groups.get(dir) ?? []), p]);
    }
  }
  return groups;
}
