/**
 * Scale: load + check generated stories of growing size, each in a fresh
 * process, and how the time grows; and the shipped story's load at start,
 * from YAML and from the precompiled image.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { generateStory, writeStory } from './gen-story.js';
import type { BenchContext, Row } from './rows.js';
import { unmeasured } from './rows.js';
import { median } from './stats.js';

const run = promisify(execFile);

/**
 * bench/child.ts bundled and minified the way scripts/build.mjs bundles the
 * game, so the code measured is the code an author runs (not tsx's
 * on-the-fly translation, which adds its own helpers to every function).
 */
async function bundledChild(ctx: BenchContext): Promise<string> {
  const outfile = join(ctx.tmp, 'child.mjs');
  await build({
    absWorkingDir: ctx.root,
    entryPoints: ['bench/child.ts'],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
  });
  return outfile;
}

const childScripts = new WeakMap<BenchContext, Promise<string>>();

/** The three sizes measured: small, medium, large (large ÷ medium is the growth). */
export function scaleSizes(quick: boolean): readonly [number, number, number] {
  return quick ? [100, 250, 500] : [1000, 5000, 10_000];
}

async function child<T>(ctx: BenchContext, args: readonly string[]): Promise<T> {
  let script = childScripts.get(ctx);
  if (script === undefined) {
    script = bundledChild(ctx);
    childScripts.set(ctx, script);
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_OPTIONS;
  const { stdout } = await run(process.execPath, [await script, ...args], { cwd: ctx.root, env, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as T;
}

/** Load, check and total times for each size, and the growth from medium to large. */
export async function scaleRows(ctx: BenchContext): Promise<Row[]> {
  const section = 'Scale (generated stories, load + check)';
  const sizes = scaleSizes(ctx.quick);
  const repeats = ctx.quick ? 1 : 3;
  const rows: Row[] = [];
  const totals: number[] = [];
  for (const [i, scenes] of sizes.entries()) {
    const name = (['small', 'medium', 'large'] as const)[i];
    const dir = join(ctx.tmp, `scale-${scenes}`);
    const files = generateStory(scenes);
    await writeStory(dir, files);
    const kb = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0) / 1024;
    ctx.log(`scale: ${scenes.toLocaleString('en-US')} scenes (${Math.round(kb).toLocaleString('en-US')} KB of YAML), ${repeats}×`);
    const runs: { loadMs: number; checkMs: number; cpuMs: number; scenes: number; errors: number }[] = [];
    for (let r = 0; r < repeats; r++) runs.push(await child(ctx, ['scale', dir]));
    const bad = runs.find((x) => x.errors > 0 || x.scenes < scenes);
    const label = `${scenes.toLocaleString('en-US')} scenes`;
    const base = { section, unit: 'ms' };
    if (bad !== undefined) {
      const why = `the generated story did not load (${bad.errors} errors): a bug in bench/gen-story.ts`;
      rows.push(
        unmeasured({ ...base, id: `scale.${name}.load`, label: `${label}: load` }, why),
        unmeasured({ ...base, id: `scale.${name}.check`, label: `${label}: check` }, why),
        unmeasured({ ...base, id: `scale.${name}.total`, label: `${label}: load + check` }, why),
      );
      totals.push(Number.NaN);
      continue;
    }
    const total = median(runs.map((x) => x.loadMs + x.checkMs));
    totals.push(total);
    rows.push(
      { ...base, id: `scale.${name}.load`, label: `${label}: load`, value: median(runs.map((x) => x.loadMs)) },
      { ...base, id: `scale.${name}.check`, label: `${label}: check (analyses)`, value: median(runs.map((x) => x.checkMs)) },
      {
        ...base,
        id: `scale.${name}.total`,
        label: `${label}: load + check`,
        value: total,
        ...(name === 'large' && !ctx.quick ? { target: { op: '<=', value: 2000 } as const } : {}),
        note: `${Math.round(kb).toLocaleString('en-US')} KB of YAML in ${files.length} files`,
      },
    );
  }
  const growth = (totals[2] ?? Number.NaN) / (totals[1] ?? Number.NaN);
  const growthRow = {
    id: 'scale.growth',
    section,
    label: `growth: ${sizes[2].toLocaleString('en-US')} ÷ ${sizes[1].toLocaleString('en-US')} scenes`,
    unit: '×',
  };
  rows.push(
    Number.isNaN(growth)
      ? unmeasured(growthRow, 'a size was not measured')
      : { ...growthRow, value: growth, target: { op: '<=', value: 2.3 }, note: `linear would be ${(sizes[2] / sizes[1]).toFixed(1)}` },
  );
  return rows;
}

/** The shipped story's load at start: from its YAML (what play did before) and from the precompiled image. */
export async function storyLoadRows(ctx: BenchContext): Promise<Row[]> {
  const section = 'Shipped story at start (in a fresh process)';
  const yaml = { id: 'story.yaml', section, label: 'load from YAML (parse, validate, compile)', unit: 'ms' };
  const image = { id: 'story.image', section, label: 'rebuild every scene from the precompiled image', unit: 'ms' };
  const packed = {
    id: 'story.packed',
    section,
    label: 'compressed packed image to the first scene (what play does)',
    unit: 'ms',
  };
  const repeats = ctx.quick ? 1 : 5;
  const file = join(ctx.tmp, 'story-image.json');
  ctx.log(`story load: YAML and image, ${repeats}× each`);
  const fromYaml: number[] = [];
  const fromImage: number[] = [];
  const fromPacked: number[] = [];
  let sizes = '';
  for (let r = 0; r < repeats; r++) {
    const y = await child<{ ms?: number; bytes?: number; yamlBytes?: number; error?: string }>(ctx, [
      'story-yaml',
      join(ctx.root, 'story'),
      file,
    ]);
    if (y.error !== undefined || y.ms === undefined) {
      const why = y.error ?? 'failed';
      return [unmeasured(yaml, why), unmeasured(image, why), unmeasured(packed, why)];
    }
    fromYaml.push(y.ms);
    sizes = `${Math.round((y.yamlBytes ?? 0) / 1024)} KB of YAML; image ${Math.round((y.bytes ?? 0) / 1024)} KB of JSON`;
    fromImage.push((await child<{ ms: number }>(ctx, ['story-image', file])).ms);
    fromPacked.push((await child<{ ms: number }>(ctx, ['story-packed', `${file}.br`])).ms);
  }
  return [
    { ...yaml, value: median(fromYaml), note: sizes },
    { ...image, value: median(fromImage) },
    { ...packed, value: median(fromPacked) },
  ];
}
