import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import { formatPath, type RuleError, type RuleErrorCode } from '../errors.js';
import { parsePlainYaml } from './plain-yaml.js';

// The yaml package (~300 KB of code to load) is required on first use: a check of plain
// files without errors never needs it, and `recflow rules check` starts that much sooner.
let yamlPackage: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

/** Stage 1 output: the YAML tree (for positions) and its plain data. */
export interface ParsedFile {
  file: string;
  /** Built on first use: only files with an error need positions. */
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  data: unknown;
}

/** Stage 1, parse: YAML text → data with positions. Contract: errors only for YAML syntax. */
export function parseYaml(file: string, text: string): { parsed?: ParsedFile; errors: RuleError[] } {
  const plain = parsePlainYaml(text);
  if (plain) return { parsed: new LazyTree(file, text, plain.data), errors: [] };
  const { doc, lineCounter } = fullParse(text);
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return { code: 'yaml', file, line, col, path: '', message: firstLine(e.message), fix: yamlFix(e.code) };
      }),
    };
  }
  try {
    return { parsed: { file, doc, lineCounter, data: doc.toJS() }, errors: [] };
  } catch (e) {
    // Parsed, but not data: an alias to an anchor not set before it (or too many aliases).
    const { line, col } = lineCounter.linePos(unresolvedAliasAt(doc));
    return { errors: [{ code: 'yaml', file, line, col, path: '', message: firstLine((e as Error).message), fix: 'set the anchor (&name) before the alias (*name) that uses it, or write the value out' }] };
  }
}

/** Where the first alias that points at no anchor is; the start of the file if none does. */
function unresolvedAliasAt(doc: Document): number {
  const { visit } = yaml();
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) !== undefined) return undefined;
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function fullParse(text: string): { doc: Document; lineCounter: LineCounter } {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true }), lineCounter };
}

/**
 * Data from the fast reader; the `yaml` tree for positions only when an error asks for it.
 * A class, so a thousand files share one pair of getters instead of making closures each.
 */
class LazyTree implements ParsedFile {
  private tree: ReturnType<typeof fullParse> | undefined;
  constructor(
    readonly file: string,
    private readonly text: string,
    public data: unknown,
  ) {}
  get doc(): Document {
    return (this.tree ??= fullParse(this.text)).doc;
  }
  get lineCounter(): LineCounter {
    return (this.tree ??= fullParse(this.text)).lineCounter;
  }
}

/**
 * An error at a data path. Points at the value (or, with `onKey`, at the key) when the
 * path exists, else at the deepest part of it that does.
 */
export function errorAt(
  p: ParsedFile,
  path: readonly PropertyKey[],
  code: RuleErrorCode,
  message: string,
  fix: string,
  onKey = false,
): RuleError {
  const { isMap, isScalar, isSeq } = yaml();
  let node: Node | null | undefined = p.doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const [i, seg] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(seg));
      if (!pair) break;
      const last = i === path.length - 1;
      const keyNode = pair.key as Node;
      offset = (last && onKey) || !pair.value ? keyNode.range?.[0] ?? offset : (pair.value as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg] as Node;
      offset = node.range?.[0] ?? offset;
    } else break;
  }
  const { line, col } = p.lineCounter.linePos(offset);
  return { code, file: p.file, line, col, path: formatPath(path), message, fix };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function yamlFix(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'remove one of the two keys';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation and that brackets and quotes are closed';
    default:
      return 'check the YAML syntax here (indentation, quotes, a colon after each key)';
  }
}
