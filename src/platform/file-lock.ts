import { open, readFile, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs `fn` while holding a lock file (created exclusively, holding our pid), so parallel
 * processes (test workers, a second terminal) do one slow tool install, not two.
 * `done()` is checked before waiting and after the lock is taken: a waiter whose work was
 * done by the other process returns at once. A lock left by a dead process is removed.
 */
export async function withFileLock<T>(
  lockFile: string,
  done: () => T | undefined,
  fn: () => Promise<T>,
  onWait: () => void,
): Promise<T> {
  let announced = false;
  for (;;) {
    const result = done();
    if (result !== undefined) return result;
    if (await takeLock(lockFile)) break;
    if (!announced) onWait();
    announced = true;
    await sleep(1_000);
  }
  try {
    return done() ?? (await fn());
  } finally {
    await rm(lockFile, { force: true });
  }
}

async function takeLock(lockFile: string): Promise<boolean> {
  try {
    const handle = await open(lockFile, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
  if (!isAlive(holder)) {
    // An empty file may be a lock created a moment ago whose pid is not written yet.
    const age = Date.now() - (await stat(lockFile).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
    if (holder > 0 || age > 5_000) await rm(lockFile, { force: true });
  }
  return false;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
