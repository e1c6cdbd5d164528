import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Document, LineCounter, isScalar, parseAllDocuments } from 'yaml';
import { childPosition } from '../src/story/fast-yaml-positions.js';
import { parseFastYaml } from '../src/story/fast-yaml.js';
import { generateStory } from '../bench/gen-story.js';

/** What the `yaml` package makes of `text`, with the loader's options. */
function slow(text: string): Document.Parsed {
  const docs = parseAllDocuments(text, {
    lineCounter: new LineCounter(),
    prettyErrors: false,
    uniqueKeys: true,
    schema: 'core',
    merge: false,
    logLevel: 'silent',
  }) as Document.Parsed[];
  return docs[0] as Document.Parsed;
}

/** Differences between the fast path's reading of `text` and the `yaml` package's: data, where each value starts, `|` blocks. */
function differences(text: string): string[] {
  const fast = parseFastYaml(text);
  if (fast === undefined) return [];
  const docs = parseAllDocuments(text, { uniqueKeys: true, schema: 'core', merge: false, logLevel: 'silent' });
  if (docs.length !== 1) return ['the fast path read a file that holds more than one document'];
  const doc = slow(text);
  if (doc.errors.length > 0 || doc.warnings.length > 0) return [`the fast path read a file with errors: ${doc.errors[0]?.message}`];
  const out: string[] = [];
  if (!Object.is(JSON.stringify(doc.toJS()), JSON.stringify(fast.data))) out.push('data differs');
  if (doc.contents?.range?.[0] !== fast.rootStart) out.push(`root starts at ${fast.rootStart}, not ${doc.contents?.range?.[0]}`);
  const walk = (data: unknown, record: number, path: (string | number)[]): void => {
    if (typeof data !== 'object' || data === null) return;
    const keys: (string | number)[] = Array.isArray(data) ? data.map((_, i) => i) : Object.keys(data);
    for (const key of keys) {
      const at = [...path, key];
      const node = doc.getIn(at, true) as { range?: [number, number, number]; type?: string } | undefined;
      const mine = childPosition(fast, record, data, key);
      if (mine?.start !== node?.range?.[0]) out.push(`${at.join('.')} starts at ${mine?.start}, not ${node?.range?.[0]}`);
      const literal = isScalar(node) && node.type === 'BLOCK_LITERAL';
      if ((mine?.literal ?? false) !== literal) out.push(`${at.join('.')}: literal block ${String(mine?.literal)}, not ${literal}`);
      walk((data as Record<string | number, unknown>)[key], mine?.record ?? -1, at);
    }
  };
  walk(fast.data, fast.root, []);
  return out;
}

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(full));
    else if (entry.name.endsWith('.yaml')) out.push(full);
  }
  return out;
}

describe('the fast YAML path', () => {
  it('reads every story and fixture file it accepts exactly as the yaml package does', () => {
    const files = [...yamlFilesUnder('story'), ...yamlFilesUnder('tests/fixtures')];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect({ file, differences: differences(readFileSync(file, 'utf8')) }).toEqual({ file, differences: [] });
  });

  it('reads the whole of a generated story, and reads it right', () => {
    for (const file of generateStory(40)) {
      expect(parseFastYaml(file.text), file.path).toBeDefined();
      expect(differences(file.text), file.path).toEqual([]);
    }
  });

  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a folded block', 'a: >\n  folded\n  text\n'],
    ['a kept block', 'a: |+\n  text\n\n'],
    ['an indentation indicator', 'a: |2\n   text\n'],
    ['a plain scalar over two lines', 'a: one\n  two\n'],
    ['a quoted scalar over two lines', 'a: "one\n  two"\n'],
    ['a tab', 'a:\tb\n'],
    ['Windows line ends', 'a: b\r\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a key that reaches Object.prototype', '__proto__: 1\n'],
    ['a key read as a boolean', 'true: 1\n'],
    ['an empty value', 'a:\nb: 1\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a list at the top', '- a\n- b\n'],
    ['a trailing comma in a flow list', 'a: [1, 2,]\n'],
    ['a flow mapping over two lines', 'a: { b: 1,\n  c: 2 }\n'],
    ['a quoted key', '"a": 1\n'],
    ['no final line break', 'a: 1'],
    ['a nested list on the dash line', 'a:\n  - - 1\n'],
    ['a colon inside a value', 'a: b: c\n'],
    ['a syntax error', 'a: [1, 2\n'],
  ])('leaves %s to the yaml package', (_, text) => {
    expect(parseFastYaml(text)).toBeUndefined();
  });

  it.each([
    ['numbers, booleans and nulls as the core schema reads them', 'a: 1\nb: -2.5\nc: 0x1F\nd: 0o17\ne: 1e3\nf: .inf\ng: true\nh: False\ni: ~\nj: null\nk: 08:40\nl: 1_000\nm: +5\n'],
    ['quoted scalars with escapes', 'a: "tab\\tnew\\nquote\\" \\u00e9 \\x41"\nb: \'it\'\'s\'\nc: "# not a comment"\n'],
    ['comments everywhere', '# top\na: 1 # after\n  # indented\nb:\n  # before the list\n  - x # item\n'],
    ['a literal block with blank lines and a kept indentation', 'text: |\n  First.\n\n    Indented.\n  Last.\n\nnext: 1\n'],
    ['a stripped block', 'a: |-\n  no newline\nb: 2\n'],
    ['a list under a key at the same column', 'a:\n- 1\n- two\nb: 3\n'],
    ['mappings in a list', 'scenes:\n  - id: a\n    title: A\n  - id: b\n    choices:\n      - { id: c, goto: a }\n'],
    ['nested flow collections', 'a: [{ b: [1, 2], c: { d: "e" } }, []]\n'],
    ['unicode text', 'a: "On-jo — «quoted»"\nb: Ha-ri’s bow\n'],
    ['keys alike but for their middle letters', 'text: 1\ntent: 2\nlist:\n  - { text: a, tent: b }\n  - tent: c\n    text: d\n'],
  ])('reads %s exactly as the yaml package does', (_, text) => {
    expect(parseFastYaml(text)).toBeDefined();
    expect(differences(text)).toEqual([]);
  });

  it('either gives up or agrees with the yaml package, on any document made of the parts scene files use', () => {
    const word = fc.stringMatching(/^[a-z_][a-z0-9_.-]{0,6}$/);
    const plain = fc.oneof(
      fc.constantFrom('1', '-3', '0.5', 'true', 'False', 'null', '~', '0x1f', '1e2', '.nan', 'yes', '08:40', 'a b', 'x#y', '-'),
      fc.string({ maxLength: 12 }),
    );
    const quoted = fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s));
    const single = fc.string({ maxLength: 12 }).map((s) => `'${s.replace(/'/g, "''")}'`);
    const flow = fc.array(fc.oneof(plain, quoted), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`);
    const flowMap = fc
      .array(fc.tuple(word, fc.oneof(plain, quoted)), { maxLength: 3 })
      .map((pairs) => `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
    const block = fc
      .tuple(fc.constantFrom('|', '|-', '|+', '>'), fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 3 }))
      .map(([head, lines]) => ({ head, lines }));
    const scalar = fc.oneof(plain, quoted, single, flow, flowMap);
    const doc = fc.array(
      fc.tuple(
        word,
        fc.oneof(
          scalar.map((v) => ` ${v}`),
          block.map(({ head, lines }) => ` ${head}\n${lines.map((l) => `  ${l}`).join('\n')}`),
          fc.array(scalar, { minLength: 1, maxLength: 3 }).map((items) => `\n${items.map((v) => `  - ${v}`).join('\n')}`),
          fc
            .array(fc.tuple(word, scalar), { minLength: 1, maxLength: 3 })
            .map((pairs) => `\n  - ${pairs.map(([k, v], i) => `${i === 0 ? '' : '    '}${k}: ${v}`).join('\n')}`),
        ),
        fc.constantFrom('', ' # note', '\n# line', '\n\n'),
      ),
      { minLength: 1, maxLength: 5 },
    );
    fc.assert(
      fc.property(doc, (pairs) => {
        const text = `${pairs.map(([k, v, tail]) => `${k}:${v}${tail}`).join('\n')}\n`;
        expect(differences(text)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('either gives up or agrees with the yaml package, on nested mappings and lists written in any indentation', () => {
    type Node = { kind: 'scalar'; text: string } | { kind: 'list' | 'map'; items: [string, Node][] };
    const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,4}$/);
    const scalar = fc
      .oneof(
        fc.constantFrom('1', 'two words', '"q"', "'s'", '[a, b]', '{ k: v }', '|\n  text', '|-\n  a\n\n  b', 'x # c'),
        fc.string({ maxLength: 8 }),
      )
      .map((text): Node => ({ kind: 'scalar', text }));
    const { node } = fc.letrec<{ node: Node }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        fc.array(fc.tuple(word, tie('node')), { minLength: 1, maxLength: 3 }).map((items): Node => ({ kind: 'list', items })),
        fc.array(fc.tuple(word, tie('node')), { minLength: 1, maxLength: 3 }).map((items): Node => ({ kind: 'map', items })),
      ),
    }));
    /** The lines of `n` as the value of a key or a list item at column `col`, indented by `step`. */
    const render = (n: Node, col: number, step: number): string => {
      if (n.kind === 'scalar') {
        const [first = '', ...rest] = n.text.split('\n');
        return ` ${first}${rest.map((l) => `\n${' '.repeat(col)}${l}`).join('')}`;
      }
      const inner = col + step;
      const pad = ' '.repeat(inner);
      return n.items
        .map(([k, v]) =>
          n.kind === 'map' ? `\n${pad}${k}:${render(v, inner, step)}` : `\n${pad}-${render(v, inner + 2, step)}`,
        )
        .join('');
    };
    fc.assert(
      fc.property(fc.array(fc.tuple(word, node), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), (top, step) => {
        const text = `${top.map(([k, v]) => `${k}:${render(v, 0, step)}`).join('\n')}\n`;
        expect(differences(text)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
