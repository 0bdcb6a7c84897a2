import { spawn } from 'node:child_process';

/**
 * The text of a PDF as poppler's pdftotext reads it (UTF-8). With `layout: true`
 * columns keep their horizontal positions; by default text comes in reading order.
 */
export async function pdfToText(pdf: Uint8Array | string, options: { layout?: boolean } = {}): Promise<string> {
  const fromFile = typeof pdf === 'string';
  const args = ['-enc', 'UTF-8', ...(options.layout ? ['-layout'] : []), fromFile ? pdf : '-', '-'];
  return new Promise((resolve, reject) => {
    const child = spawn('pdftotext', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'ENOENT'
          ? new Error(
              'pdftotext is not installed, so PDF text cannot be checked. Install poppler: ' +
                '"apt-get install -y poppler-utils" (Debian/Ubuntu) or "brew install poppler" (macOS).',
            )
          : e,
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`pdftotext exited with ${code} for ${fromFile ? pdf : 'the given bytes'}: ${Buffer.concat(err).toString().trim() || 'no message'}`));
    });
    // EPIPE when pdftotext is missing or exits early; the 'error'/'close' handlers report it.
    child.stdin.on('error', () => {});
    child.stdin.end(fromFile ? undefined : pdf);
  });
}
