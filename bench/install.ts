/** What `npm install hyosan` downloads and unpacks: `npm pack`'s numbers, and the runtime dependencies. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchContext, Row } from './rows.js';
import { unmeasured } from './rows.js';

const run = promisify(execFile);

interface PackInfo {
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
}

/** Tarball size, unpacked size and the count of runtime dependencies. */
export async function installRows(ctx: BenchContext): Promise<Row[]> {
  const section = 'Install';
  const tarball = { id: 'install.tarball', section, label: 'npm pack tarball', unit: 'KB' };
  const unpacked = { id: 'install.unpacked', section, label: 'unpacked size', unit: 'KB' };
  const deps = { id: 'install.dependencies', section, label: 'runtime dependencies', unit: '' };
  const pkg = JSON.parse(await readFile(join(ctx.root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const count = ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']
    .map((k) => Object.keys((pkg[k] as object | undefined) ?? {}).length)
    .reduce((a, b) => a + b, 0);
  const depsRow: Row = { ...deps, value: count, target: { op: '<=', value: 0 } };
  ctx.log('install: npm pack --dry-run');
  let info: PackInfo | undefined;
  try {
    // The bundle was just built; --ignore-scripts keeps `prepare` from building it again.
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ctx.root,
      maxBuffer: 16 * 1024 * 1024,
    });
    info = (JSON.parse(stdout) as PackInfo[])[0];
  } catch (error) {
    const why = `npm pack failed: ${(error as Error).message.split('\n')[0]}`;
    return [unmeasured(tarball, why), unmeasured(unpacked, why), depsRow];
  }
  if (info === undefined) return [unmeasured(tarball, 'npm pack listed nothing'), unmeasured(unpacked, 'npm pack listed nothing'), depsRow];
  return [
    { ...tarball, value: info.size / 1024, target: { op: '<=', value: 300 }, note: `${info.entryCount} files` },
    { ...unpacked, value: info.unpackedSize / 1024 },
    depsRow,
  ];
}
