// Finds the Temporal CLI (which runs the dev server), building the pinned version with Go
// when there is none: the SDK's own download needs temporal.download, which self-hosted
// and offline machines often cannot reach, while the Go module proxy usually is.
import { execFile, spawn } from 'node:child_process';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { TEMPORAL_CLI_VERSION, type Config } from './config.js';
import { withFileLock } from './file-lock.js';
import { findOnPath, formatDuration, isExecutable } from './processes.js';

type Log = (message: string) => void;

const CLI_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';
// Where v1.5.1 keeps its version string (see its .goreleaser.yml); without -X it says 0.0.0-DEV.
const VERSION_VARIABLE = 'github.com/temporalio/cli/temporalcli.Version';

/** Where the project's own build of the pinned CLI lives. */
export function cachedCliPath(config: Pick<Config, 'toolCacheDir'>, version = TEMPORAL_CLI_VERSION): string {
  return path.join(config.toolCacheDir, `temporal-${version}`, 'temporal');
}

/**
 * The Temporal CLI to run, in this order: TEMPORAL_CLI_PATH, `temporal` on PATH, the tool
 * cache, else a build with Go into the tool cache. undefined when there is no CLI and no Go
 * (the caller then lets the SDK download one).
 */
export async function resolveTemporalCli(config: Config, log: Log): Promise<string | undefined> {
  const configured = config.temporal.cliPath;
  if (configured) {
    if (!isExecutable(configured)) {
      throw new Error(`TEMPORAL_CLI_PATH=${configured} is not an executable file. Fix the path or unset it.`);
    }
    return configured;
  }
  const onPath = findOnPath('temporal');
  if (onPath) return onPath;
  const cached = cachedCliPath(config);
  if (isExecutable(cached)) return cached;
  if (!findOnPath('go')) {
    log(
      `No Temporal CLI found (TEMPORAL_CLI_PATH unset, no \`temporal\` on PATH, nothing at ${cached}) and no Go ` +
        'to build one; falling back to the SDK download of the dev server.',
    );
    return undefined;
  }
  return buildTemporalCli(config, log);
}

/**
 * Builds the pinned CLI into the tool cache unless it is there. Builds into a temporary
 * folder and renames, so a killed build never leaves a half-written binary; a lock file
 * makes concurrent callers (test workers, a second terminal) wait for one build.
 */
export async function buildTemporalCli(config: Config, log: Log, version = TEMPORAL_CLI_VERSION): Promise<string> {
  const target = cachedCliPath(config, version);
  await mkdir(config.toolCacheDir, { recursive: true });
  const lockFile = path.join(config.toolCacheDir, `temporal-${version}.build.lock`);
  return withFileLock(
    lockFile,
    () => (isExecutable(target) ? target : undefined),
    async () => {
      await build(config.toolCacheDir, target, version, log);
      return target;
    },
    () => log(`Another process is building the Temporal CLI (lock ${lockFile}); waiting for it.`),
  );
}

async function build(cacheDir: string, target: string, version: string, log: Log): Promise<void> {
  const go = findOnPath('go');
  if (!go) throw new Error('Building the Temporal CLI needs Go on PATH (https://go.dev/dl/), or set TEMPORAL_CLI_PATH.');
  const tmpDir = path.join(cacheDir, `.temporal-${version}-build-${process.pid}`);
  await rm(tmpDir, { recursive: true, force: true });
  await mkdir(tmpDir, { recursive: true });
  log(
    `Building Temporal CLI v${version} with Go into ${path.dirname(target)}. ` +
      'The first build takes several minutes (about 6 on 2 cores); later starts reuse it.',
  );
  const started = Date.now();
  try {
    const args = ['install', '-ldflags', `-s -w -X ${VERSION_VARIABLE}=${version}`, `${CLI_PACKAGE}@v${version}`];
    const env = { ...process.env, CGO_ENABLED: '0', GOBIN: tmpDir, GOFLAGS: '' };
    const stderr = await run(go, args, { cwd: tmpDir, env });
    const built = path.join(tmpDir, 'temporal');
    if (!isExecutable(built)) throw new Error(`go install finished but left no binary in ${tmpDir}:\n${stderr}`);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(built, target);
  } catch (err) {
    throw new Error(
      `Building the Temporal CLI failed: ${(err as Error).message}\n` +
        'Fix: check that the Go module proxy is reachable (GOPROXY), or install the Temporal CLI and set TEMPORAL_CLI_PATH.',
    );
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
  log(`Built Temporal CLI v${version} in ${formatDuration(Date.now() - started)}: ${target}`);
  await warnOnVersion(target, version, log);
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8_000);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve(stderr);
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code ?? signal}:\n${stderr}`));
    });
  });
}

/** The -X flag silently does nothing if the variable moved in another CLI version: say so. */
async function warnOnVersion(binary: string, version: string, log: Log): Promise<void> {
  try {
    const { stdout } = await promisify(execFile)(binary, ['--version']);
    if (!stdout.includes(version)) log(`Note: ${binary} reports "${stdout.trim()}"; update VERSION_VARIABLE in temporal-cli.ts.`);
  } catch {
    // Not worth failing the build over.
  }
}
