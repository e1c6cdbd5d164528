/**
 * `hyosan graph`: the story's scenes as nodes and its choices as edges, in
 * Graphviz's DOT or in Mermaid. Endings are styled apart, the start scene
 * has a heavy border, hook scenes a dotted one; a conditional way (a gated
 * choice, or a goto inside a chance/check/if branch) is a dashed edge. With
 * coverage, the scenes no random game reached are filled red.
 */
import { escapeUnsafe, terminalJson } from '../engine/control-chars.js';
import type { PackRef, Scene, Story } from '../engine/story-types.js';
import type { GraphPart } from './graph-part.js';
import { BACK, RETURN } from '../story/names.js';
import { edgesOf, type SceneEdge } from '../story/reachability.js';
import type { Coverage } from './randomtest-result.js';
import { scenesInOrder } from '../story/story-facts.js';

/** The formats `graph` writes. */
export const GRAPH_FORMATS = ['mermaid', 'dot'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** How long an edge label may be before it is cut with `…`. */
export const MAX_LABEL = 40;

const ENDING_FILL = '#d9f2d9';
const UNCOVERED_FILL = '#f8c8c8';
const RETURN_LABEL = 'back to the interrupted scene';
const BACK_LABEL = 'back to the calling choice';
/** The pseudo-scenes a goto can name, and how they are drawn. */
const PSEUDO: ReadonlyMap<string, string> = new Map([
  [RETURN, RETURN_LABEL],
  [BACK, BACK_LABEL],
]);
const OUTSIDE_COLOUR = '#777777';

/** Mermaid's default limits (its `maxTextSize` and `maxEdges`): a bigger diagram is refused, not drawn. */
export const MERMAID_LIMITS = { maxTextSize: 50_000, maxEdges: 500 } as const;

/**
 * The graph of `story` as text in `format`: the whole story, or only `part`
 * (its scenes in full, the scenes just outside it as small nodes).
 */
export function storyGraph(story: Story, format: GraphFormat, coverage?: Coverage, part?: GraphPart): string {
  const all = scenesInOrder(story);
  const scenes = part === undefined ? all : all.filter((s) => part.scenes.has(s.id));
  const outside = part === undefined ? [] : all.filter((s) => part.outside.has(s.id)).map((s) => s.id);
  const drawn = new Set([...scenes.map((s) => s.id), ...outside]);
  const edges = all
    .filter((s) => drawn.has(s.id))
    .flatMap((s) => edgesOf(s))
    .filter((e) => (PSEUDO.has(e.to) ? part === undefined || part.scenes.has(e.from) : drawn.has(e.to)))
    // An edge between two scenes outside the part says nothing about the part.
    .filter((e) => part === undefined || part.scenes.has(e.from) || part.scenes.has(e.to));
  const roles = rolesOf(story);
  switch (format) {
    case 'dot':
      return dot(story, scenes, outside, edges, roles, coverage);
    case 'mermaid':
      return mermaid(story, scenes, outside, edges, roles, coverage);
    default: {
      const _never: never = format;
      return _never;
    }
  }
}

interface Roles {
  readonly start: string;
  readonly hooks: ReadonlySet<string>;
  /** The packs added to the story: their scenes are drawn in a box of their own, the choices they add to the story's scenes in their colour. */
  readonly packs: readonly PackRef[];
}

function rolesOf(story: Story): Roles {
  const hooks = new Set(Object.values(story.hooks).filter((s): s is string => typeof s === 'string'));
  return { start: story.start, hooks, packs: story.packs ?? [] };
}

const PACK_COLOUR = '#3465a4';

/** The pack a scene or a choice id belongs to (its id starts with the pack's and a dot), if any. */
function packOf(id: string, packs: readonly PackRef[]): PackRef | undefined {
  return packs.find((p) => id.startsWith(`${p.id}.`));
}

/** Whether an edge is a choice a pack added to one of the story's scenes. */
function addedByPack(edge: SceneEdge, packs: readonly PackRef[]): boolean {
  return edge.choice !== undefined && packOf(edge.from, packs) === undefined && packOf(edge.choice.id, packs) !== undefined;
}

/** `pack: The Closed Stacks (stacks 1.0.0)`, the label of a pack's box. */
function packLabel(pack: PackRef): string {
  return `pack: ${pack.title} (${pack.id} ${pack.version})`;
}

/** The label of an edge: the choice's text (placeholders as written), cut to `MAX_LABEL`. */
export function edgeLabel(edge: SceneEdge): string {
  const text = edge.choice === undefined ? '(on enter)' : edge.choice.text.src;
  return truncate(text.replace(/\s+/g, ' ').trim(), MAX_LABEL);
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

function titleOf(scene: Scene): string {
  return scene.title.trim() === '' ? scene.id : scene.title.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------
// DOT

/** A DOT double-quoted string. */
export function dotString(text: string): string {
  const line = escapeUnsafe(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n');
  return `"${line}"`;
}

function dot(
  story: Story,
  scenes: readonly Scene[],
  outside: readonly string[],
  edges: readonly SceneEdge[],
  roles: Roles,
  coverage?: Coverage,
): string {
  const out = [
    'digraph story {',
    `  graph [label=${dotString(story.title)}, labelloc=t, fontname="Helvetica"];`,
    '  node [shape=box, style=rounded, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  const clusters = new Map<PackRef, string[]>();
  for (const scene of scenes) {
    const pack = packOf(scene.id, roles.packs);
    const lines = pack === undefined ? out : (clusters.get(pack) ?? clusters.set(pack, []).get(pack)!);
    const attrs = [`label=${dotString(titleOf(scene))}`];
    const styles = ['rounded'];
    const uncovered = coverage !== undefined && !coverage.scenes.has(scene.id);
    if (scene.ending !== undefined) {
      attrs.push('shape=doublecircle');
      styles.length = 0;
    }
    if (roles.hooks.has(scene.id)) styles.push('dotted');
    if (scene.ending !== undefined || uncovered) {
      styles.push('filled');
      attrs.push(`fillcolor=${dotString(uncovered ? UNCOVERED_FILL : ENDING_FILL)}`);
    }
    if (styles.join(',') !== 'rounded') attrs.push(`style=${dotString(styles.join(','))}`);
    if (scene.id === roles.start) attrs.push('penwidth=3');
    lines.push(`  ${dotString(scene.id)} [${attrs.join(', ')}];`);
  }
  for (const [pack, lines] of clusters) {
    out.push(`  subgraph ${dotString(`cluster_pack_${pack.id}`)} {`);
    out.push(`    graph [label=${dotString(packLabel(pack))}, style="dashed,rounded", color="${PACK_COLOUR}", fontcolor="${PACK_COLOUR}"];`);
    out.push(...lines.map((line) => `  ${line}`));
    out.push('  }');
  }
  for (const id of outside) {
    out.push(`  ${dotString(id)} [label=${dotString(id)}, shape=plaintext, fontcolor="${OUTSIDE_COLOUR}"];`);
  }
  for (const [pseudo, label] of PSEUDO) {
    if (edges.some((e) => e.to === pseudo)) out.push(`  ${dotString(pseudo)} [label=${dotString(label)}, shape=plaintext];`);
  }
  for (const edge of edges) {
    const attrs = [`label=${dotString(edgeLabel(edge))}`];
    if (edge.conditional) attrs.push('style=dashed');
    if (addedByPack(edge, roles.packs)) attrs.push(`color="${PACK_COLOUR}"`, `fontcolor="${PACK_COLOUR}"`);
    out.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)} [${attrs.join(', ')}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------
// Mermaid

/** Text inside a Mermaid `"..."` label, with the characters Mermaid would read as syntax written as entities. */
export function mermaidText(text: string): string {
  return escapeUnsafe(text)
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;')
    .replace(/\s+/g, ' ');
}

/** Mermaid node ids: letters, digits and `_` only, prefixed so no id is a keyword such as `end`. */
function mermaidIds(ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    const base = `n_${id.replace(/[^A-Za-z0-9]/g, '_')}`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    out.set(id, name);
  }
  return out;
}

/** One drawn Mermaid edge: the choices from one scene to another, made one arrow. */
interface MermaidEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly conditional: boolean;
  /** The first choice of the arrow, which decides its colour. */
  readonly first: SceneEdge;
}

/**
 * Mermaid gets one arrow per pair of scenes, labelled with the first
 * choice's text and "(+N)" for the others: the shipped story has ~670
 * choices but ~320 pairs, and Mermaid refuses more than 500 edges.
 */
function mermaidEdges(edges: readonly SceneEdge[]): MermaidEdge[] {
  const byPair = new Map<string, { first: SceneEdge; more: number; conditional: boolean }>();
  for (const edge of edges) {
    const key = `${edge.from}\u0000${edge.to}`;
    const seen = byPair.get(key);
    if (seen === undefined) byPair.set(key, { first: edge, more: 0, conditional: edge.conditional });
    else byPair.set(key, { ...seen, more: seen.more + 1, conditional: seen.conditional && edge.conditional });
  }
  return [...byPair.values()].map(({ first, more, conditional }) => ({
    from: first.from,
    to: first.to,
    label: more === 0 ? edgeLabel(first) : `${edgeLabel(first)} (+${more})`,
    conditional,
    first,
  }));
}

/** How a Mermaid text exceeds Mermaid's default limits, in words; empty when it fits. */
export function mermaidOverLimits(text: string): string {
  const edges = text.split('\n').filter((line) => / (-->|-\.->)\|/.test(line)).length;
  const over: string[] = [];
  if (text.length > MERMAID_LIMITS.maxTextSize) {
    over.push(`${text.length.toLocaleString('en')} characters (Mermaid draws at most ${MERMAID_LIMITS.maxTextSize.toLocaleString('en')})`);
  }
  if (edges > MERMAID_LIMITS.maxEdges) over.push(`${edges} edges (Mermaid draws at most ${MERMAID_LIMITS.maxEdges})`);
  return over.join(' and ');
}

function mermaid(
  story: Story,
  scenes: readonly Scene[],
  outside: readonly string[],
  edges: readonly SceneEdge[],
  roles: Roles,
  coverage?: Coverage,
): string {
  const ids = mermaidIds([...scenes.map((s) => s.id), ...outside, ...PSEUDO.keys()]);
  const id = (scene: string) => ids.get(scene) ?? 'n_unknown';
  const out = [`---`, `title: ${terminalJson(story.title)}`, `---`, 'flowchart TD'];
  const classes = new Map<string, string[]>();
  const tag = (cls: string, scene: string) => classes.set(cls, [...(classes.get(cls) ?? []), id(scene)]);
  const boxes = new Map<PackRef, string[]>();
  for (const scene of scenes) {
    const label = `"${mermaidText(titleOf(scene))}"`;
    const pack = packOf(scene.id, roles.packs);
    const lines = pack === undefined ? out : (boxes.get(pack) ?? boxes.set(pack, []).get(pack)!);
    lines.push(scene.ending !== undefined ? `  ${id(scene.id)}([${label}])` : `  ${id(scene.id)}[${label}]`);
    if (scene.id === roles.start) tag('start', scene.id);
    if (roles.hooks.has(scene.id)) tag('hook', scene.id);
    if (scene.ending !== undefined) tag('ending', scene.id);
    if (coverage !== undefined && !coverage.scenes.has(scene.id)) tag('uncovered', scene.id);
  }
  for (const [pack, lines] of boxes) {
    out.push(`  subgraph pack_${pack.id}["${mermaidText(packLabel(pack))}"]`);
    out.push(...lines.map((line) => `  ${line}`));
    out.push('  end');
    out.push(`  style pack_${pack.id} fill:#f4f7fb,stroke:${PACK_COLOUR},stroke-dasharray:4 3`);
  }
  for (const scene of outside) {
    out.push(`  ${id(scene)}["${mermaidText(scene)}"]`);
    tag('outside', scene);
  }
  for (const [pseudo, label] of PSEUDO) {
    if (edges.some((e) => e.to === pseudo)) out.push(`  ${id(pseudo)}>"${mermaidText(label)}"]`);
  }
  const packEdges: number[] = [];
  mermaidEdges(edges).forEach((edge, n) => {
    const arrow = edge.conditional ? '-.->' : '-->';
    out.push(`  ${id(edge.from)} ${arrow}|"${mermaidText(edge.label)}"| ${id(edge.to)}`);
    if (addedByPack(edge.first, roles.packs)) packEdges.push(n);
  });
  if (packEdges.length > 0) out.push(`  linkStyle ${packEdges.join(',')} stroke:${PACK_COLOUR},color:${PACK_COLOUR}`);
  const styles: Record<string, string> = {
    start: 'stroke-width:4px',
    hook: 'stroke-dasharray:3 3',
    ending: `fill:${ENDING_FILL},stroke:#2e7d32`,
    uncovered: `fill:${UNCOVERED_FILL},stroke:#c62828`,
    outside: `fill:#ffffff,stroke:#bbbbbb,color:${OUTSIDE_COLOUR},stroke-dasharray:2 2`,
  };
  // Declared in this order so a never-reached ending is drawn red, not green.
  for (const [cls, style] of Object.entries(styles)) {
    const members = classes.get(cls);
    if (members === undefined) continue;
    out.push(`  classDef ${cls} ${style}`);
    out.push(`  class ${members.join(',')} ${cls}`);
  }
  return `${out.join('\n')}\n`;
}
