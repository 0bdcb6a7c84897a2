// A command that must start fast (rules check) runs from one esbuild bundle instead of
// through tsx, whose loader alone costs ~400 ms. The bundle is a cache, never a build step:
// its manifest lists every input esbuild read (the metafile) with size and mtime, plus
// this file, package.json and tsconfig.json; when any differs, or the bundle is missing,
// it is rebuilt before use. Plain JavaScript: it runs before any TypeScript loader.
// Built-in modules through process.getBuiltinModule, not `import`: the ESM facade of
// node:fs reads every export, ReadStream too, which loads all of node:stream (~2 ms a start).
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = process.getBuiltinModule('node:fs');
const { createRequire } = process.getBuiltinModule('node:module');
const path = process.getBuiltinModule('node:path');
const { fileURLToPath, pathToFileURL } = process.getBuiltinModule('node:url');
const vm = process.getBuiltinModule('node:vm');

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '..');

/** The bundles there are: name → entry module (relative to the project root). */
export const ENTRIES = { 'rules-check': 'src/cli/rules-check.ts' };

/**
 * What a fresh bundle of `entry` exports, and `save()` to call once the command ran (it
 * keeps V8's compiled code for the next start); undefined when no bundle can be had (esbuild
 * missing, sources that do not build): the caller then runs the sources via tsx, which
 * reports such problems as it always did.
 * @example const fast = await prebuilt('rules-check'); if (fast) { await fast.exports.main(args); fast.save(); }
 */
export async function prebuilt(name, opts = {}) {
  try {
    const { file } = await freshBundle({ root, entry: ENTRIES[name], name, ...opts });
    return run(file);
  } catch (e) {
    if (process.env.RECFLOW_DEBUG) console.error(`prebuilt ${name}: running the sources instead:`, e);
    return undefined;
  }
}

/**
 * The path of an up-to-date bundle of `entry`, and whether this call had to build it.
 * `cacheDir` defaults to node_modules/.cache/recflow under `root`.
 */
export async function freshBundle({ root, entry, name, cacheDir = path.join(root, 'node_modules', '.cache', 'recflow') }) {
  const manifestFile = path.join(cacheDir, `${name}.json`);
  const manifest = readManifest(manifestFile);
  if (manifest && unchanged(root, manifest.inputs)) return { file: path.join(cacheDir, manifest.bundle), built: false };
  return { file: await build(root, entry, name, cacheDir, manifestFile), built: true };
}

function readManifest(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** True when every input still has the size and mtime (or absence) it had at the build. */
function unchanged(root, inputs) {
  for (const [file, seen] of Object.entries(inputs)) {
    const now = stamp(path.resolve(root, file));
    if (now?.[0] !== seen?.[0] || now?.[1] !== seen?.[1]) return false;
  }
  return true;
}

/** [size, mtimeMs], or null for a missing file. */
function stamp(file) {
  const st = statSync(file, { throwIfNoEntry: false });
  return st ? [st.size, st.mtimeMs] : null;
}

/**
 * Runs a CommonJS bundle the way Node's loader would, but through vm.Script so V8's code
 * cache can be used: compiling the bundle and the functions a check calls is a good part
 * of a cold start. The cache sits beside the bundle; V8 rejects one from another V8 build.
 */
function run(file) {
  const cacheFile = `${file}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  const save = () => {
    if (cachedData && !script.cachedDataRejected) return;
    try {
      writeAtomic(cacheFile, script.createCachedData());
    } catch {
      // a read-only cache folder: start without the code cache next time too
    }
  };
  return { exports: module.exports, save };
}

async function build(root, entry, name, cacheDir, manifestFile) {
  const esbuild = await import('esbuild');
  const started = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    outfile: path.join(cacheDir, `${name}.cjs`),
    plugins: [sourceUrls(root)],
    // zod is needed only to describe a file with mistakes (valid files take the checks
    // generated from its schemas): required from node_modules then, it keeps ~800 KB of
    // code out of what every start reads and deserialises.
    external: ['zod', 'zod/*'],
  });
  // import.meta outside project sources would be empty in CommonJS: run those via tsx.
  const meta = result.warnings.find((w) => w.id === 'empty-import-meta');
  if (meta) throw new Error(`${meta.location?.file}: ${meta.text}`);
  const code = result.outputFiles[0].contents;
  const inputs = {};
  // Metafile inputs are relative to the root; this builder is absolute (path.resolve keeps it).
  const files = [...Object.keys(result.metafile.inputs), self, 'package.json', 'tsconfig.json'];
  let settled = true;
  for (const file of files) {
    inputs[file] = stamp(path.resolve(root, file));
    // Changed while esbuild read it: the bundle may hold the old text, so keep no manifest.
    if (inputs[file] && inputs[file][1] >= started) settled = false;
  }
  const hash = (await import('node:crypto')).createHash('sha256').update(code).digest('hex').slice(0, 16);
  const bundle = `${name}-${hash}.cjs`;
  mkdirSync(cacheDir, { recursive: true });
  // Bundles are immutable and named by content; the manifest is replaced in one rename, so
  // a concurrent run sees an old consistent pair or the new one.
  writeAtomic(path.join(cacheDir, bundle), code);
  if (settled) writeAtomic(manifestFile, JSON.stringify({ bundle, inputs }));
  for (const old of readdirSync(cacheDir)) {
    if (old.startsWith(`${name}-`) && !old.startsWith(bundle)) rmSync(path.join(cacheDir, old), { force: true });
  }
  return path.join(cacheDir, bundle);
}

function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/**
 * Keeps `import.meta.url` of each project module its source file's URL, so paths derived
 * from it (projectRoot in src/platform/config.ts) mean the same in the bundle as in the sources.
 */
function sourceUrls(root) {
  return {
    name: 'source-urls',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
        if (!args.path.startsWith(root + path.sep) || args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
      });
    },
  };
}
