// A small XML reader for bank statements: elements, attributes, text, CDATA, comments.
// Namespace prefixes are dropped (camt files use a default namespace or "ns2:").
// DOCTYPE is refused, so no entity expansion or external entities can be smuggled in.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string, line: number): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (all, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    const v = ENTITIES[e];
    if (v === undefined) throw new XmlError(`unknown entity ${all}`, line);
    return v;
  });
}

export class XmlError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

const NON_SPACE = /\S/;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** Parses a whole document; throws XmlError with the line of the first mistake. */
export function parseXml(text: string): XmlElement {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const advance = (to: number) => {
    for (let k = text.indexOf('\n', i); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) line++;
    i = to;
  };
  const until = (marker: string, what: string) => {
    const end = text.indexOf(marker, i);
    if (end < 0) throw new XmlError(`${what} is never closed`, line);
    return end;
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? text.length : lt;
    const top = stack[stack.length - 1];
    if (end > i) {
      const chunk = text.slice(i, end);
      // Whitespace between elements is layout, not content (statements have no mixed content).
      if (NON_SPACE.test(chunk)) {
        if (!top) throw new XmlError('text outside the root element', line);
        top.text += chunk.includes('&') ? decode(chunk, line) : chunk;
      }
    }
    advance(end);
    if (lt < 0) break;
    if (text.startsWith('<!--', i)) advance(until('-->', 'a comment') + 3);
    else if (text.startsWith('<![CDATA[', i)) {
      const close = until(']]>', 'a CDATA section');
      if (top) top.text += text.slice(i + 9, close);
      advance(close + 3);
    } else if (text.startsWith('<?', i)) advance(until('?>', 'a processing instruction') + 2);
    else if (text.startsWith('<!', i)) throw new XmlError('DOCTYPE and entity declarations are not accepted in bank statements', line);
    else if (text.startsWith('</', i)) {
      const close = until('>', 'a closing tag');
      const name = localName(text.slice(i + 2, close).trim());
      const open = stack.pop();
      if (!open || open.name !== name) throw new XmlError(`</${name}> closes ${open ? `<${open.name}> from line ${open.line}` : 'nothing'}`, line);
      advance(close + 1);
    } else {
      const close = until('>', 'a tag');
      const body = text.slice(i + 1, close);
      const selfClosing = body.endsWith('/');
      const nameEnd = body.search(/[\s/]|$/);
      if (nameEnd === 0) throw new XmlError(`"<${body.slice(0, 20)}" is not a tag`, line);
      const el: XmlElement = { name: localName(body.slice(0, nameEnd)), attrs: {}, children: [], text: '', line };
      if (body.includes('=', nameEnd)) {
        for (const a of body.slice(nameEnd).matchAll(ATTRIBUTE)) el.attrs[localName(a[1]!)] = decode(a[2] ?? a[3] ?? '', line);
      }
      if (top) top.children.push(el);
      else if (root) throw new XmlError('a second root element', line);
      else root = el;
      if (!selfClosing) stack.push(el);
      advance(close + 1);
    }
  }
  if (stack.length > 0) throw new XmlError(`<${stack[stack.length - 1]!.name}> from line ${stack[stack.length - 1]!.line} is never closed`, line);
  if (!root) throw new XmlError('the file has no XML element', 1);
  return root;
}

/** The first descendant along a path of local names, e.g. child(ntry, 'BookgDt', 'Dt'). */
export function child(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let at = el;
  for (const name of path) at = at?.children.find((c) => c.name === name);
  return at;
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

export const textOf = (el: XmlElement | undefined): string | undefined => el?.text.trim() || undefined;
