// A fast reader for the plain YAML that rule files are written in: block maps and lists,
// `- key: value` items, one-line [flow, lists] and { flow: maps } of scalars, plain and
// one-line quoted scalars, comments. The `yaml` package needs ~0.6 ms per rule file (lexer, CST, document tree),
// which alone made checking 1,000 rules take over a second; this reads the same files in
// a few microseconds each.
//
// Literal block scalars (`key: |`, as templates write their bodies) are read too.
//
// Contract: returns exactly what `parseDocument(text, { uniqueKeys: true }).toJS()` returns
// (YAML 1.2 core schema), or undefined for anything outside the subset — anchors, tags,
// other block scalars (|-, |+, >, after a dash), nested flow collections, multi-line scalars, duplicate keys, odd
// indentation, any error. The caller then uses the `yaml` package, which stays the authority for syntax
// errors and for every position in an error message. test/rules/plain-yaml.test.ts
// compares the two over the shipped rules and thousands of mutated ones.

/**
 * Where the reader is: the current content line (blank lines and comments skipped), read
 * on demand by one regex match, so no line is copied into an object of its own.
 */
interface Cursor {
  text: string;
  /** Where the line after the current one starts. */
  next: number;
  /** Indentation of the current line; -1 past the last one. */
  indent: number;
  /** Its content after the indentation, trailing spaces removed; '' on a `key:` line. */
  body: string;
  /** The key of a `key:` or `key: value` line. */
  key: string | undefined;
  /** The value after `key:`, trailing spaces removed; '' when there is none. */
  rest: string;
  /** The value of a `key: |` line: its literal block, read from the lines after it. */
  block: string | undefined;
}

/** Thrown to leave the subset; caught in parsePlainYaml only. */
const OUTSIDE = Symbol('outside the plain subset');

// Characters that make a text leave the subset wherever they appear: tabs, CR, BOM, controls,
// and the line and paragraph separators (a regex's `$` ends a line there; YAML does not).
const UNSUPPORTED_CHARS = /[\t\r\u0000-\u0008\u000b-\u001f\u007f\ufeff\u2028\u2029]/;
// A key: a word, at most 1,000 characters, not one that YAML reads as null, a boolean or __proto__.
const KEY_WORD = '(?!(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|__proto__):)[A-Za-z_][A-Za-z0-9_.\\/-]{0,999}';
// One native match per line finds its indentation and either `key:` and the value after it,
// or the content: per-character loops cost several times more while the code is still cold,
// as in a CLI run. Greedy: a lazy `(.*?) *$` backtracks at every character.
const LINE = new RegExp(`^( *)(?:(${KEY_WORD}):(?: +(.*)|$)|(.*))$`, 'gm');
const KEY = new RegExp(`^(${KEY_WORD}):(?: +(.*)|$)`);
const TRAILING_SPACES = / +$/; // only spaces: a no-break space is content in YAML
const RESERVED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);

/** The data of a plain rule file, or undefined when the `yaml` package must decide. */
export function parsePlainYaml(text: string): { data: unknown } | undefined {
  if (UNSUPPORTED_CHARS.test(text)) return undefined;
  try {
    const c: Cursor = { text, next: 0, indent: -1, body: '', key: undefined, rest: '', block: undefined };
    advance(c);
    if (c.indent < 0) return { data: null };
    const data = block(c, c.indent);
    if (c.indent >= 0) return undefined; // lines left over
    return { data };
  } catch (e) {
    if (e === OUTSIDE) return undefined;
    throw e;
  }
}

function outside(): never {
  throw OUTSIDE;
}

const trimEnd = (s: string) => (s.endsWith(' ') ? s.replace(TRAILING_SPACES, '') : s);

/** Moves the cursor to the next content line. */
function advance(c: Cursor): void {
  const text = c.text;
  for (;;) {
    if (c.next > text.length) {
      c.indent = -1;
      return;
    }
    LINE.lastIndex = c.next;
    const m = LINE.exec(text)!; // a line start always matches
    c.next = LINE.lastIndex + 1; // past its line break
    const indent = m[1]!.length;
    const key = m[2];
    if (key === undefined) {
      const body = trimEnd(m[4]!);
      if (body === '' || body[0] === '#') continue;
      if (indent === 0 && (body.startsWith('---') || body.startsWith('...') || body[0] === '%')) outside();
      c.indent = indent;
      c.body = body;
      c.key = undefined;
      c.block = undefined;
      return;
    }
    const rest = m[3] === undefined ? '' : trimEnd(m[3]);
    c.indent = indent;
    c.body = '';
    c.key = key;
    if (rest === '|') {
      const { value, end } = literalBlock(text, c.next, indent);
      c.rest = '';
      c.block = value;
      c.next = end;
    } else {
      c.rest = rest;
      c.block = undefined;
    }
    return;
  }
}

/**
 * A literal block scalar with clip chomping whose lines start at `start`, indented deeper
 * than its key's `parentIndent`: the lines less their indentation, joined, one final line
 * break. Ends before the first non-empty line indented less than its first line (`end`).
 * Whitespace-only lines, a leading empty line and an unterminated last line leave the subset.
 */
function literalBlock(text: string, start: number, parentIndent: number): { value: string; end: number } {
  const out: string[] = [];
  let empty = 0;
  let indent = -1;
  let s = start;
  while (s < text.length) {
    const nl = text.indexOf('\n', s);
    if (nl < 0) outside(); // no line break after the last line
    const line = text.slice(s, nl);
    if (line === '') {
      if (indent < 0) outside();
      empty++;
      s = nl + 1;
      continue;
    }
    let spaces = 0;
    while (line.charCodeAt(spaces) === 32) spaces++;
    if (spaces === line.length) outside();
    if (indent < 0) {
      if (spaces <= parentIndent) outside(); // an empty block
      indent = spaces;
    } else if (spaces < indent) break;
    for (; empty > 0; empty--) out.push('');
    out.push(line.slice(indent));
    s = nl + 1;
  }
  if (out.length === 0) outside();
  return { value: `${out.join('\n')}\n`, end: s };
}

/** A map or a list starting at the cursor, all of whose entries sit at `indent`. */
function block(c: Cursor, indent: number): unknown {
  if (c.indent !== indent) outside();
  return isItem(c) ? list(c, indent) : map(c, indent);
}

const isItemText = (text: string) => text === '-' || text.startsWith('- ');
const isItem = (c: Cursor) => c.key === undefined && isItemText(c.body);

function map(c: Cursor, indent: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  while (c.indent >= indent) {
    if (c.indent > indent) outside();
    const key = c.key;
    if (key === undefined || Object.hasOwn(out, key)) outside();
    const { rest, block: literal } = c;
    advance(c);
    if (literal !== undefined) {
      out[key] = literal;
      noContinuation(c, indent);
      continue;
    }
    const value = rest === '' ? '' : stripComment(rest);
    if (value !== '') {
      out[key] = inline(value);
      noContinuation(c, indent);
      continue;
    }
    // A nested block is deeper, or a list may sit at the key's own indentation.
    if (c.indent > indent || (c.indent === indent && isItem(c))) out[key] = block(c, c.indent);
    else out[key] = null;
  }
  return out;
}

function list(c: Cursor, indent: number): unknown[] {
  const out: unknown[] = [];
  while (c.indent >= indent) {
    if (c.indent === indent && !isItem(c)) break;
    if (c.indent > indent) outside();
    const after = c.body.slice(1);
    const content = after.trimStart();
    if (content === '' || content[0] === '#') {
      advance(c);
      out.push(c.indent > indent ? block(c, c.indent) : null);
      continue;
    }
    const column = indent + 1 + (after.length - content.length);
    if (isItemText(content)) {
      // `- - x`: the rest of the line opens a list at its own column.
      c.indent = column;
      c.body = content;
      out.push(block(c, column));
      continue;
    }
    const m = KEY.exec(content);
    if (m) {
      // `- key: value`: the rest of the line opens a map at its own column (never a `|` block).
      c.indent = column;
      c.body = '';
      c.key = m[1]!;
      c.rest = m[2] ?? '';
      c.block = undefined;
      out.push(block(c, column));
      continue;
    }
    advance(c);
    out.push(inline(stripComment(content)));
    noContinuation(c, indent);
  }
  return out;
}

/** A scalar followed by deeper lines would be a multi-line scalar (or an error). */
function noContinuation(c: Cursor, indent: number): void {
  if (c.indent > indent) outside();
}

/** Drops a trailing ` # comment` outside quotes; a quoted or flow value checks its own end. */
function stripComment(text: string): string {
  if (text[0] === '"' || text[0] === "'" || text[0] === '[' || text[0] === '{') return text;
  if (text[0] === '#') return '';
  const at = text.indexOf(' #');
  return at < 0 ? text : text.slice(0, at).trimEnd();
}

/** A value on the same line as its key or dash. */
function inline(text: string): unknown {
  const first = text[0]!;
  if (first === '"' || first === "'") {
    const { value, end } = quoted(text, 0);
    afterValue(text, end);
    return value;
  }
  if (first === '[') return flowList(text);
  if (first === '{') return flowMap(text);
  return plain(text, false);
}

/** Only spaces and a comment may follow a closed value. */
function afterValue(text: string, end: number): void {
  const rest = text.slice(end);
  if (rest !== '' && !/^ +(#.*)?$/.test(rest)) outside();
}

function flowList(text: string): unknown[] {
  const out: unknown[] = [];
  const at = { i: 1 };
  skipSpaces(text, at);
  if (text[at.i] === ']') {
    afterValue(text, at.i + 1);
    return out;
  }
  for (;;) {
    out.push(flowScalar(text, at));
    if (nextItem(text, at, ']')) continue;
    afterValue(text, at.i + 1);
    return out;
  }
}

/** `{ key: value, … }` on one line: keys as in block maps, scalar values. */
function flowMap(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const at = { i: 1 };
  skipSpaces(text, at);
  if (text[at.i] === '}') {
    afterValue(text, at.i + 1);
    return out;
  }
  for (;;) {
    FLOW_KEY.lastIndex = at.i;
    const m = FLOW_KEY.exec(text);
    if (!m) outside();
    const key = m[1]!;
    if (key.length > 1000 || RESERVED_KEYS.has(key) || Object.hasOwn(out, key)) outside();
    at.i = FLOW_KEY.lastIndex;
    out[key] = flowScalar(text, at);
    if (nextItem(text, at, '}')) continue;
    afterValue(text, at.i + 1);
    return out;
  }
}

// A flow map's key: a word as in block maps, a colon and at least one space.
const FLOW_KEY = /([A-Za-z_][A-Za-z0-9_.\/-]*): +/y;

function skipSpaces(text: string, at: { i: number }): void {
  while (text[at.i] === ' ') at.i++;
}

// A plain scalar in a flow collection runs up to the next of these.
const FLOW_PLAIN = /[^,[\]{}#:]*/y;

/** A quoted or plain scalar inside a flow collection; spaces after it skipped. */
function flowScalar(text: string, at: { i: number }): unknown {
  skipSpaces(text, at);
  const ch = text[at.i];
  let value: unknown;
  if (ch === '"' || ch === "'") {
    const q = quoted(text, at.i);
    value = q.value;
    at.i = q.end;
  } else {
    FLOW_PLAIN.lastIndex = at.i;
    FLOW_PLAIN.test(text); // always matches, maybe nothing
    const j = FLOW_PLAIN.lastIndex;
    const raw = text.slice(at.i, j).trimEnd();
    if (raw === '') outside();
    value = plain(raw, true);
    at.i = j;
  }
  skipSpaces(text, at);
  return value;
}

/** After an item: true past a `,` (more follow), false at `close`; else outside the subset. */
function nextItem(text: string, at: { i: number }, close: string): boolean {
  if (text[at.i] === ',') {
    at.i++;
    skipSpaces(text, at);
    if (text[at.i] === close) outside(); // a trailing comma: let the full parser decide
    return true;
  }
  if (text[at.i] === close) return false;
  return outside();
}

/** A one-line quoted scalar starting at `start`; common escapes only. */
function quoted(text: string, start: number): { value: string; end: number } {
  const q = text[start]!;
  // Mostly no escapes: the text up to the first closing quote, when no \\ or '' comes before it.
  const close = text.indexOf(q, start + 1);
  if (close > 0 && (q === "'" ? text[close + 1] !== "'" : text.lastIndexOf('\\', close) < start)) return { value: text.slice(start + 1, close), end: close + 1 };
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === q) {
      if (q === "'" && text[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    if (q === '"' && ch === '\\') {
      const esc = ESCAPES[text[i + 1] ?? ''];
      if (esc === undefined) outside();
      value += esc;
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  return outside(); // not closed on this line
}

const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', ' ': ' ' };

const WORD = /^[A-EG-MO-SU-Za-eg-mo-su-z][^:#]*$/;

/** A plain scalar resolved by the YAML 1.2 core schema; anything unusual leaves the subset. */
function plain(text: string, inFlow: boolean): unknown {
  // Most scalars are words: a letter that cannot start null, true or false, then no : or #.
  if (WORD.test(text)) return text;
  const first = text[0]!;
  if ('&*!|>%@`{}[],?:#\'"'.includes(first) || (first === '-' && (text.length === 1 || text[1] === ' '))) outside();
  if (text.includes(': ') || text.endsWith(':') || (inFlow && text.includes(' #'))) outside();
  // Most scalars are words: only a few first characters can make a null, bool or number.
  if ('~nN'.includes(first) && /^(?:~|null|Null|NULL)$/.test(text)) return null;
  if ('tT'.includes(first) && /^(?:true|True|TRUE)$/.test(text)) return true;
  if ('fF'.includes(first) && /^(?:false|False|FALSE)$/.test(text)) return false;
  if (!'+-.0123456789'.includes(first)) return text;
  if (/^[-+]?[0-9]+$/.test(text)) {
    const n = parseInt(text, 10);
    return Number.isSafeInteger(n) ? n : outside();
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return parseFloat(text);
  // Hex, octal, exponents, .inf and .nan have their own rules: not in the subset.
  if (/^[-+]?(?:0x|0o|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)|^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE]/.test(text)) outside();
  return text;
}
