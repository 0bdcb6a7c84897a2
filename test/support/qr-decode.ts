import { spawn } from 'node:child_process';
import jsQRModule from 'jsqr';

// jsqr is CommonJS with a default export; under NodeNext typing it arrives one level deeper.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as typeof import('jsqr').default;

/**
 * Renders one page of a PDF with poppler's pdftoppm and decodes the QR codes on it with
 * jsQR, as a banking app's camera would. Several codes: pass crop boxes (in points from
 * the top-left corner of the page) to read them one at a time.
 */
export async function decodeQrFromPdf(pdf: Uint8Array, crop?: { x: number; y: number; width: number; height: number }, dpi = 200): Promise<string | null> {
  const scale = dpi / 72;
  const args = ['-r', String(dpi), '-f', '1', '-l', '1', '-gray'];
  if (crop) args.push('-x', String(Math.round(crop.x * scale)), '-y', String(Math.round(crop.y * scale)), '-W', String(Math.round(crop.width * scale)), '-H', String(Math.round(crop.height * scale)));
  const pgm = await run('pdftoppm', [...args, '-'], pdf);
  const { width, height, pixels } = parsePgm(pgm);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.fill(pixels[i]!, 4 * i, 4 * i + 3), (rgba[4 * i + 3] = 255);
  return jsQR(rgba, width, height)?.data ?? null;
}

function parsePgm(buf: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error('pdftoppm -gray did not produce a binary PGM');
  return { width: Number(header[1]), height: Number(header[2]), pixels: buf.subarray(header[0].length) };
}

function run(cmd: string, args: string[], input: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`${cmd} exited with ${code}: ${Buffer.concat(err)}`))));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}
