// Loads a mapping template from YAML with positions: every mistake is reported as
// file:line:column, the way rule files are.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { csvTemplateSchema, type CsvTemplate } from './csv-template.js';

export interface TemplateError {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

export function renderTemplateError(e: TemplateError): string {
  return `✖ ${e.path ? `${e.path}: ` : ''}${e.message} → at ${e.file}:${e.line}:${e.col}`;
}

export function loadCsvTemplate(file: string, text: string): { template: CsvTemplate; errors: [] } | { template?: undefined; errors: TemplateError[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { errors: doc.errors.map((e) => ({ file, ...lc.linePos(e.pos[0]), path: '', message: e.message.split('\n')[0]! })) };
  }
  const parsed = csvTemplateSchema.safeParse(doc.toJS());
  if (parsed.success) return { template: parsed.data, errors: [] };
  return {
    errors: parsed.error.issues.map((issue) => {
      // Point at an unknown key itself rather than at the object holding it.
      const path = [...issue.path, ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])] as PropertyKey[];
      return { file, ...lc.linePos(offsetOf(doc.contents as Node | null, path)), path: formatPath(path), message: issue.message };
    }),
  };
}

/** Offset of the value at `path`, or of the deepest part of the path that exists. */
function offsetOf(root: Node | null, path: readonly PropertyKey[]): number {
  let node = root;
  let offset = node?.range?.[0] ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(seg));
      if (!pair) break;
      const target = (pair.value ?? pair.key) as Node;
      offset = target.range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg] as Node;
      offset = node.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${String(p)}` : String(p))).join('');
}
