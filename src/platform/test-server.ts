// The time-skipping test server, offline. The SDK would download a native build of it from
// temporal.download; that binary is compiled from the Java artifact
// io.temporal:temporal-test-server on Maven Central, which Maven can fetch here.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { TEMPORAL_TEST_SERVER_VERSION, type Config } from './config.js';
import { withFileLock } from './file-lock.js';
import { waitForFrontend } from './frontend-ready.js';
import { exited, findOnPath, formatDuration, freePort, spawnServer, stopChild } from './processes.js';

type Log = (message: string) => void;

export const TEST_SERVER_MAIN_CLASS = 'io.temporal.testserver.TestServer';

/**
 * JVM flags for a quick start on small machines: C1 only (the server runs for a test
 * file, not long enough for C2 to pay off), serial GC (no GC threads to fight the worker).
 */
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss512k', '-Xmx512m'];

export interface TestServerInstall {
  /** The java executable. */
  java: string;
  /** Arguments for `java`; append the port. */
  javaArgs: string[];
  /** <toolCacheDir>/temporal-test-server-<version>: lib/*.jar and classpath.txt. */
  dir: string;
}

export function testServerDir(config: Pick<Config, 'toolCacheDir'>, version = TEMPORAL_TEST_SERVER_VERSION): string {
  return path.join(config.toolCacheDir, `temporal-test-server-${version}`);
}

/** Fetches the test server jars with Maven unless they are in the tool cache. */
export async function ensureTestServer(config: Config, log: Log = () => {}): Promise<TestServerInstall> {
  const java = findJava();
  const dir = testServerDir(config);
  const read = () => readInstall(java, dir);
  await mkdir(config.toolCacheDir, { recursive: true });
  return withFileLock(
    path.join(config.toolCacheDir, `temporal-test-server-${TEMPORAL_TEST_SERVER_VERSION}.fetch.lock`),
    read,
    async () => {
      await fetchJars(dir, TEMPORAL_TEST_SERVER_VERSION, log);
      const install = read();
      if (!install) throw new Error(`Fetched the test server but ${dir}/classpath.txt is incomplete`);
      return install;
    },
    () => log('Another process is fetching the Temporal test server; waiting for it.'),
  );
}

/** The install when classpath.txt (written last) lists jars that are all there. */
function readInstall(java: string, dir: string): TestServerInstall | undefined {
  const classpathFile = path.join(dir, 'classpath.txt');
  if (!existsSync(classpathFile)) return undefined;
  const classpath = readFileSync(classpathFile, 'utf8').trim();
  if (!classpath || !classpath.split(path.delimiter).every((jar) => existsSync(jar))) return undefined;
  return { java, javaArgs: [...JVM_FLAGS, '-cp', classpath, TEST_SERVER_MAIN_CLASS], dir };
}

function findJava(): string {
  const fromHome = process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, 'bin', 'java');
  const java = fromHome && existsSync(fromHome) ? fromHome : findOnPath('java');
  if (!java) {
    throw new Error(
      'The time-skipping test server needs Java 11 or newer: install a JRE (e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME.',
    );
  }
  return java;
}

async function fetchJars(dir: string, version: string, log: Log): Promise<void> {
  const mvn = findOnPath('mvn');
  if (!mvn) {
    throw new Error(
      `Fetching io.temporal:temporal-test-server:${version} needs Maven (mvn) on PATH: install it (e.g. apt-get install maven).`,
    );
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  log(`Fetching io.temporal:temporal-test-server:${version} and its dependencies from Maven Central into ${dir}`);
  const started = Date.now();
  try {
    await writeFile(path.join(tmp, 'pom.xml'), pomFor(version));
    const args = ['-B', '-q', '-f', path.join(tmp, 'pom.xml'), 'dependency:copy-dependencies'];
    args.push(`-DoutputDirectory=${path.join(tmp, 'lib')}`, '-DincludeScope=runtime');
    await run(mvn, args, tmp);
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw new Error(
      `Fetching the Temporal test server with Maven failed: ${(err as Error).message}\n` +
        'Fix: check that Maven Central is reachable (or a mirror in ~/.m2/settings.xml).',
    );
  }
  const jars = (await readdir(path.join(dir, 'lib'))).filter((f) => f.endsWith('.jar')).sort();
  const classpath = jars.map((jar) => path.join(dir, 'lib', jar)).join(path.delimiter);
  // Written last, by rename: its presence means the install is complete.
  await writeFile(path.join(dir, 'classpath.txt.tmp'), `${classpath}\n`);
  await rename(path.join(dir, 'classpath.txt.tmp'), path.join(dir, 'classpath.txt'));
  log(`Fetched the test server (${jars.length} jars) in ${formatDuration(Date.now() - started)}`);
}

export interface TimeSkippingEnv {
  env: TestWorkflowEnvironment;
  /** Tears the environment down and stops the JVM. */
  stop(): Promise<void>;
}

/**
 * A time-skipping TestWorkflowEnvironment on the Java test server. The SDK gives a server
 * it starts 5 s to answer, which a cold JVM on a busy 2-core machine can miss, so we start
 * the JVM ourselves, wait as long as it takes, and hand the SDK a stand-in executable that
 * only waits: the SDK then connects to the warm JVM on the port we give it.
 */
export async function createTimeSkippingEnv(config: Config, log: Log = () => {}): Promise<TimeSkippingEnv> {
  const install = await ensureTestServer(config, log);
  const port = await freePort();
  const started = Date.now();
  let output = '';
  // pdeathsig KILL: the JVM holds no state worth a clean shutdown.
  const jvm = spawnServer(install.java, [...install.javaArgs, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] }, 'KILL');
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  jvm.stdout?.on('data', keep);
  jvm.stderr?.on('data', keep);
  let exitNote: string | undefined;
  jvm.once('error', (err) => (exitNote = `could not run ${install.java}: ${err.message}`));
  void exited(jvm).then((code) => (exitNote ??= `the test server JVM exited with ${code}`));
  try {
    await waitForFrontend(`127.0.0.1:${port}`, { timeoutMs: 60_000, giveUpIf: () => exitNote });
    log(`Time-skipping test server (JVM) ready on port ${port} in ${formatDuration(Date.now() - started)}`);
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { port, executable: { type: 'existing-path', path: await attachScript(install.dir) } },
    });
    return {
      env,
      stop: async () => {
        try {
          await env.teardown();
        } finally {
          await stopChild(jvm, 5_000);
        }
      },
    };
  } catch (err) {
    await stopChild(jvm, 5_000);
    throw new Error(
      `Time-skipping test server did not start: ${(err as Error).message}\n` +
        `command: ${install.java} ${install.javaArgs.join(' ')} ${port}\noutput:\n${output.trim() || '(none)'}`,
    );
  }
}

/** The stand-in the SDK runs in place of the test server binary (it passes the port; ignored). */
async function attachScript(dir: string): Promise<string> {
  const file = path.join(dir, 'attach-test-server.sh');
  const script = `#!/bin/sh
# Stand-in for the test server binary: recflow already started the JVM (src/platform/test-server.ts).
# The SDK owns this process and kills it on teardown; it also ends when its parent is gone.
while kill -0 "$PPID" 2>/dev/null; do sleep 1; done
`;
  if (!existsSync(file) || readFileSync(file, 'utf8') !== script) {
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, script);
    await chmod(tmp, 0o755);
    await rename(tmp, file);
  }
  return file;
}

function pomFor(version: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by recflow (src/platform/test-server.ts) only to fetch the test server's jars. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.recflow</groupId>
  <artifactId>temporal-test-server-fetch</artifactId>
  <version>0</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${version}</version>
    </dependency>
  </dependencies>
</project>
`;
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`mvn exited with ${code ?? signal}:\n${output}`));
    });
  });
}
