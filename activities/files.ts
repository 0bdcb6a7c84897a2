import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a file so that readers see either nothing or the whole of it. */
export async function writeFileAtomic(file: string, bytes: Uint8Array | string): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, bytes);
  } catch (e) {
    // The folder is made on first use, not checked before every file.
    if ((e as { code?: string }).code !== 'ENOENT') throw e;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, bytes);
  }
  await rename(tmp, file);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file name safe on every OS, unique per business key. */
export function fileNameFor(key: string, ext: string): string {
  const readable = key.replace(/[^a-zA-Z0-9-]+/g, '_').slice(0, 80);
  return `${readable}-${sha256(Buffer.from(key)).slice(0, 12)}.${ext}`;
}

/** The file is there and still has the content its digest was taken of. */
export async function intact(file: string, digest: string): Promise<boolean> {
  try {
    await access(file);
    return sha256(await readFile(file)) === digest;
  } catch {
    return false;
  }
}
