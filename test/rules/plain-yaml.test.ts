import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ruleText } from '../../bench/rules-check.js';
import { projectRoot } from '../../src/platform/config.js';
import { parsePlainYaml } from '../../src/rules/load/plain-yaml.js';

// The fast reader must agree with the `yaml` package on everything it accepts, and
// accept the files people actually write (else it saves nothing).

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

/** Agrees with the yaml package, or declines. Returns whether it accepted. */
function agrees(text: string): boolean {
  const fast = parsePlainYaml(text);
  if (!fast) return false;
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  expect(doc.errors.map((e) => e.message), JSON.stringify(text)).toEqual([]);
  expect(fast.data, JSON.stringify(text)).toStrictEqual(doc.toJS());
  return true;
}

const shipped = ['rules', 'templates', 'test/receivables/fixtures'].flatMap((d) => yamlFiles(path.join(projectRoot, d)));
const seeds = [...shipped.map((f) => readFileSync(f, 'utf8')), ...Array.from({ length: 40 }, (_, i) => ruleText(i))];

describe('plain YAML reader', () => {
  it('reads every shipped rule, template and mapping file like the yaml package', () => {
    expect(shipped.length).toBeGreaterThan(30);
    const declined = shipped.filter((f) => !agrees(readFileSync(f, 'utf8')));
    // Rule files must all take the fast path; templates (block scalars) and others may not.
    const ruleFiles = declined.filter((f) => path.dirname(f) === path.join(projectRoot, 'rules') && !f.endsWith('schema.json'));
    expect(ruleFiles).toEqual([]);
    expect(declined.length).toBeLessThan(shipped.length);
  });

  it.each([
    ['scalars', 'a: 1\nb: -2\nc: 1.50\nd: .5\ne: true\nf: False\ng: ~\nh: null\ni:\nj: 14d\nk: 2026-01-31\nl: "x # y"\nm: \'it\'\'s\'\nn: a#b # comment\no: 1_000\np: 0123\n'],
    ['lists', 'a: [x, "y, z", 3, true]\nb: []\nc:\n- 1\n- two\nd:\n  - e: 1\n    f: [g]\n  -\n    h: 2\n  - - 1\n    - 2\n'],
    ['nested', 'when:\n  event: x\n  to: [a, b]\nsteps:\n  - action: send-email\n    # a comment\n    to: contact   # trailing\n\n  - action: stop\n'],
    ['escapes', 'a: "tab\\there \\"q\\" back\\\\slash"\nb: \'\'\n'],
    ['urls and colons', 'url: https://example.com/a?b=c\nt: "12:30"\nplain: a:b\n'],
    ['empty', '# only a comment\n'],
    ['flow maps', 'a: { b: 1, c: "x, y", d: plain words }\ne: {}\nf:\n  - { label: Număr, value: "{{customer.name}}" }\n  - {g: h}\n'],
    ['literal blocks', 'a:\n  body: |\n    Hello,\n\n      # not a comment\n    bye  \n\n\n  next: 1\nb: |\n text\n# end\n'],
    ['quotes in flow lists', 'a: ["b\\"c", \'d\'\'e\', "f", \'g\\h\', x y]\nb: "\\\\" # c\n'],
    ['a literal block after more spaces', 'a:   |\n  text\nb: 1\n'],
    ['keys that are almost reserved words', 'nulls: 1\ntrue_: 2\nFalse-y: 3\n'],
  ])('agrees on %s', (_name, text) => {
    expect(agrees(text)).toBe(true);
  });

  it.each([
    ['anchors', 'a: &x 1\nb: *x\n'],
    ['block scalar with chomping', 'a: |-\n  text\n'],
    ['folded block scalar', 'a: >\n  text\n'],
    ['block scalar after a dash', '- |\n  text\n'],
    ['block scalar without a final line break', 'a: |\n  text'],
    ['block scalar with a whitespace-only line', 'a: |\n  text\n   \n  more\n'],
    ['nested flow map', 'a: { b: { c: 1 } }\n'],
    ['flow map with a trailing comma', 'a: { b: 1, }\n'],
    ['multi-line plain', 'a: one\n  two\n'],
    ['duplicate key', 'a: 1\na: 2\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['tab', 'a:\tb\n'],
    ['a line separator', 'a: x\u2028b: y\n'],
    ['a reserved word as a key', 'null: 1\n'],
    ['a reserved word as a key in a list', '- true: 1\n'],
    ['hex', 'a: 0x1F\n'],
    ['document marker', '---\na: 1\n'],
    ['unclosed quote', 'a: "x\n'],
    ['unclosed list', 'a: [x\n'],
  ])('declines %s (the yaml package decides)', (_name, text) => {
    expect(parsePlainYaml(text)).toBeUndefined();
  });

  it('agrees or declines on 6,000 mutated rule files', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const bits = [':', ' ', '  ', '- ', '#', ' #', '"', "'", '[', ']', ',', '\n', '\n  ', '&a ', '*a', '!t ', '|', '>', '~', 'null', 'true', '0x1F', '1e3', '.5', '-', '? ', '{', '}', '\\', '%', '@', '`', 'é', '\t', ': ', '\r', '---', 'x: 1\n'];
    let accepted = 0;
    for (let n = 0; n < 6000; n++) {
      let text = seeds[rand(seeds.length)]!;
      for (let m = 0, count = 1 + rand(3); m < count; m++) {
        const at = rand(text.length + 1);
        const kind = rand(4);
        if (kind === 0) text = text.slice(0, at) + bits[rand(bits.length)] + text.slice(at);
        else if (kind === 1) text = text.slice(0, at) + text.slice(at + 1 + rand(6));
        else if (kind === 2) {
          const lines = text.split('\n');
          const i = rand(lines.length);
          lines[i] = rand(2) ? ` ${lines[i]}` : lines[i]!.replace(/^ {1,2}/, '');
          text = lines.join('\n');
        } else {
          const lines = text.split('\n');
          const i = rand(lines.length);
          lines.splice(rand(lines.length), 0, lines[i]!);
          text = lines.join('\n');
        }
      }
      if (agrees(text)) accepted++;
    }
    // Most mutants stay valid plain YAML; the reader must take them, not decline everything.
    expect(accepted).toBeGreaterThan(1000);
  });
});
