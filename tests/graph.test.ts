import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Story } from '../src/engine/story-types.js';
import { graphCommand } from '../src/cli/graph-command.js';
import { dotString, edgeLabel, MERMAID_LIMITS, mermaidOverLimits, mermaidText, storyGraph } from '../src/tools/graph.js';
import { graphPart } from '../src/tools/graph-part.js';
import { UsageError } from '../src/cli/args.js';
import { loadStoryDir } from '../src/story/load.js';
import { edgesOf } from '../src/story/reachability.js';

async function fixture(dir: string): Promise<Story> {
  const loaded = await loadStoryDir(dir);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return loaded.story!;
}

const DOT = `digraph story {
  graph [label="The \\"Graph\\" Test", labelloc=t, fontname="Helvetica"];
  node [shape=box, style=rounded, fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
  "roof.door" [label="The Roof Door", penwidth=3];
  "roof.end" [label="The End", shape=doublecircle, fillcolor="#d9f2d9", style="filled"];
  "roof.stairs" [label="Back Down"];
  "roof.top" [label="On the Roof"];
  "roof.turned" [label="On-jo Turns", style="rounded,dotted"];
  "@return" [label="back to the interrupted scene", shape=plaintext];
  "roof.door" -> "roof.top" [label="Push it open and shout \\"Anyone up here?…", style=dashed];
  "roof.door" -> "roof.stairs" [label="Push it open and shout \\"Anyone up here?…", style=dashed];
  "roof.door" -> "roof.top" [label="Use key #2 | the <small> one", style=dashed];
  "roof.stairs" -> "roof.end" [label="(on enter)"];
  "roof.top" -> "roof.end" [label="Wait for the helicopter"];
  "roof.turned" -> "@return" [label="Go on"];
}
`;

const MERMAID = `---
title: "The \\"Graph\\" Test"
---
flowchart TD
  n_roof_door["The Roof Door"]
  n_roof_end(["The End"])
  n_roof_stairs["Back Down"]
  n_roof_top["On the Roof"]
  n_roof_turned["On-jo Turns"]
  n__return>"back to the interrupted scene"]
  n_roof_door -.->|"Push it open and shout #quot;Anyone up here?… (+1)"| n_roof_top
  n_roof_door -.->|"Push it open and shout #quot;Anyone up here?…"| n_roof_stairs
  n_roof_stairs -->|"(on enter)"| n_roof_end
  n_roof_top -->|"Wait for the helicopter"| n_roof_end
  n_roof_turned -->|"Go on"| n__return
  classDef start stroke-width:4px
  class n_roof_door start
  classDef hook stroke-dasharray:3 3
  class n_roof_turned hook
  classDef ending fill:#d9f2d9,stroke:#2e7d32
  class n_roof_end ending
`;

describe('graph', () => {
  it('draws the fixture story in DOT', async () => {
    expect(storyGraph(await fixture('tests/fixtures/graph'), 'dot')).toBe(DOT);
  });

  it('draws the fixture story in Mermaid', async () => {
    expect(storyGraph(await fixture('tests/fixtures/graph'), 'mermaid')).toBe(MERMAID);
  });

  it('dashes the goto inside a chance branch, and the choice goto it may replace', async () => {
    const story = await fixture('tests/fixtures/graph');
    const push = edgesOf(story.scenes.get('roof.door')!).filter((e) => e.choice?.id === 'push');
    expect(push.map((e) => [e.to, e.conditional])).toEqual([
      ['roof.top', true],
      ['roof.stairs', true],
    ]);
  });

  it('cuts long labels to 40 characters with an ellipsis', async () => {
    const story = await fixture('tests/fixtures/graph');
    const label = edgeLabel(edgesOf(story.scenes.get('roof.door')!)[0]!);
    expect([...label]).toHaveLength(40);
    expect(label.endsWith('…')).toBe(true);
  });

  it('escapes DOT strings: quotes, backslashes, newlines', () => {
    expect(dotString('say "hi" \\ then\nleave')).toBe('"say \\"hi\\" \\\\ then\\nleave"');
  });

  it('escapes Mermaid label text so it cannot close the label or start an entity', () => {
    expect(mermaidText('a "b" #1 | <c> `d`\ne')).toBe('a #quot;b#quot; #35;1 #124; #lt;c#gt; #96;d#96; e');
  });

  it('fills the scenes no random game reached when given coverage', async () => {
    const story = await fixture('tests/fixtures/graph');
    const coverage = { scenes: new Set(['roof.door', 'roof.top', 'roof.end']), choices: new Set<string>() };
    const dot = storyGraph(story, 'dot', coverage);
    expect(dot).toContain('"roof.stairs" [label="Back Down", fillcolor="#f8c8c8", style="rounded,filled"];');
    expect(dot).toContain('"roof.top" [label="On the Roof"];');
    const mermaid = storyGraph(story, 'mermaid', coverage);
    expect(mermaid).toContain('  class n_roof_stairs,n_roof_turned uncovered\n');
  });

  it('runs a randomtest for --coverage from the command', async () => {
    let out = '';
    const io = {
      stdout: { write: (s: string) => ((out += s), true) },
      stderr: { write: () => true },
      shippedStory: () => [],
    } as unknown as Parameters<typeof graphCommand>[1];
    expect(await graphCommand(['tests/fixtures/analysis/stuck', '--format', 'dot', '--coverage', '-n', '200'], io)).toBe(0);
    // Every scene of the stuck story is reached by some game: nothing is red.
    expect(out).not.toContain('#f8c8c8');
    expect(out).toContain('"door" -> "out" [label="Unlock the door", style=dashed];');
  });
});

/** Runs `graph ARGS` and gives back what it wrote. */
async function runGraph(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = {
    stdout: { write: (s: string) => ((out += s), true) },
    stderr: { write: (s: string) => ((err += s), true) },
    shippedStory: () => loadStoryDir('story'),
  } as unknown as Parameters<typeof graphCommand>[1];
  const code = await graphCommand(args, io);
  return { code, out, err };
}

describe('graph of a part of the story', () => {
  it('--only draws the scenes with that prefix, and the scenes an edge crosses to as small nodes', async () => {
    const { out } = await runGraph(['tests/fixtures/graph-parts', '--only', 's2.', '--format', 'dot']);
    for (const id of ['s2.d', 's2.e', 's2.x']) expect(out).toMatch(new RegExp(`"${id.replace('.', '\\.')}" \\[label="[DEX]"`));
    // s1.b and s1.c lead into the part: drawn as their ids, in grey.
    expect(out).toContain('"s1.b" [label="s1.b", shape=plaintext, fontcolor="#777777"];');
    expect(out).toContain('"s1.c" [label="s1.c", shape=plaintext, fontcolor="#777777"];');
    expect(out).toContain('"s1.c" -> "s2.d"');
    // An edge with neither end in the part is left out, and so is a scene with no edge into it.
    expect(out).not.toContain('"s1.b" -> "s1.c"');
    expect(out).not.toContain('"s1.a"');
  });

  it('--focus draws the scenes within --depth choices of a scene, both ways', async () => {
    const story = await fixture('tests/fixtures/graph-parts');
    const part = graphPart(story, { focus: 's1.c', depth: 1 });
    expect([...part.scenes].sort()).toEqual(['s1.b', 's1.c', 's2.d']);
    expect([...part.outside].sort()).toEqual(['s1.a', 's2.e', 's2.x']);
    expect([...graphPart(story, { focus: 's1.c', depth: 0 }).scenes]).toEqual(['s1.c']);
    // --only and --focus together: the scenes both select.
    expect([...graphPart(story, { focus: 's1.c', depth: 1, only: 's1.' }).scenes].sort()).toEqual(['s1.b', 's1.c']);
  });

  it('names an unknown prefix or scene as a command-line mistake, with a suggestion', async () => {
    await expect(runGraph(['tests/fixtures/graph-parts', '--focus', 's1.cc'])).rejects.toThrow(
      new UsageError("--focus 's1.cc': no such scene — did you mean 's1.c'?"),
    );
    await expect(runGraph(['tests/fixtures/graph-parts', '--only', 's3'])).rejects.toThrow(
      "--only 's3': no scene id starts with it (scene ids start with s1., s2.)",
    );
    await expect(runGraph(['tests/fixtures/graph-parts', '--depth', '2'])).rejects.toThrow('--depth goes with --focus SCENE');
  });

  it('draws one Mermaid arrow for several choices between the same two scenes', async () => {
    const { out } = await runGraph(['tests/fixtures/graph-parts']);
    expect(out).toContain('  n_s2_d -->|"Walk to E (+1)"| n_s2_e\n');
    expect(out).not.toContain('Run to E');
  });

  it("keeps the shipped story's Mermaid diagram within Mermaid's default limits", async () => {
    const { out, err } = await runGraph(['story']);
    expect(mermaidOverLimits(out)).toBe('');
    expect(out.length).toBeLessThanOrEqual(MERMAID_LIMITS.maxTextSize);
    expect(err).toBe('');
  });

  it('says how to draw a Mermaid diagram that is over the limits', () => {
    const lines = Array.from({ length: 501 }, (_, i) => `  n_a -->|"go ${i}"| n_b${i}`);
    expect(mermaidOverLimits(['flowchart TD', ...lines].join('\n'))).toBe('501 edges (Mermaid draws at most 500)');
    expect(mermaidOverLimits('x'.repeat(50_001))).toBe('50,001 characters (Mermaid draws at most 50,000)');
  });
});

describe('graph renders with Graphviz', () => {
  const hasDot = spawnSync('dot', ['-V']).status === 0;
  const why = hasDot ? '' : ' (skipped: Graphviz `dot` is not installed; apt-get install graphviz)';

  const render = (dot: string) => execFileSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });

  it.skipIf(!hasDot)(`renders the fixture story to SVG${why}`, async () => {
    expect(render(storyGraph(await fixture('tests/fixtures/graph'), 'dot'))).toContain('</svg>');
  });

  it.skipIf(!hasDot)(`renders the shipped story to SVG, with coverage colours${why}`, async () => {
    const story = await fixture('story');
    const coverage = { scenes: new Set([story.start]), choices: new Set<string>() };
    expect(render(storyGraph(story, 'dot', coverage))).toContain('</svg>');
  });
});
