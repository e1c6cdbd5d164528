/**
 * The packs a game is played with: those given with `--pack DIR`, and the
 * installed ones (the data folder's `packs/`) the player has not switched
 * off. An installed pack with errors is switched off with one line saying
 * why, and the game starts without it; a pack given with `--pack` is the
 * author's own, and its errors stop the start as a story's do. Also what
 * `hyosan packs` lists: each installed pack with its state.
 */
import { basename } from 'node:path';
import { oneLine } from '../engine/control-chars.js';
import type { Story } from '../engine/story-types.js';
import type { PackSwitch } from '../ui/ports.js';
import { folderLabel, loadPack } from '../story/pack-load.js';
import type { PackManifest } from '../story/pack-manifest.js';
import { addPacks, isSound, type CompiledPack } from '../story/packs.js';
import { formatProblem, type Problem } from '../story/problem.js';
import { closest } from '../story/suggest.js';
import { installedPackFolders, packsDir } from './installed-packs.js';
import { profileDir, readPacksOff, writePacksOff } from './profile.js';

/** Whether an installed pack is played: `on`, switched `off` by the player, or `broken` (its errors keep it off). */
export type PackState = 'on' | 'off' | 'broken';

/** An installed pack, as `hyosan packs` and Settings list it. */
export interface InstalledPack {
  /** The pack's folder. */
  readonly folder: string;
  /** What its pack.yaml says it is (absent when it could not say). */
  readonly manifest?: PackManifest;
  readonly state: PackState;
  /** Why a broken pack is off: its first error. */
  readonly problem?: Problem;
  /** How many problems it has in all (`hyosan check --pack` shows them). */
  readonly problems: number;
  readonly compiled: CompiledPack;
}

/** The id a pack is switched on and off by: its own, or its folder's name when its pack.yaml does not say. */
export function switchId(pack: Pick<InstalledPack, 'folder' | 'manifest'>): string {
  return pack.manifest?.id ?? basename(pack.folder);
}

/** Every installed pack compiled against `story`, with its state; the sound ones that are on, added together. */
export async function installedPacks(story: Story, saveDir: string): Promise<InstalledPack[]> {
  const off = new Set(await readPacksOff(profileDir(saveDir)));
  const compiled: CompiledPack[] = [];
  for (const folder of installedPackFolders(saveDir)) compiled.push(await loadPack(story, folder));
  const wanted = compiled.filter((p) => isSound(p) && !off.has(p.manifest!.id));
  const { refused } = addPacks(story, wanted);
  return compiled.map((pack) => {
    const errors = [...pack.problems, ...(refused.get(pack) ?? [])].filter((p) => p.severity === 'error');
    const base = {
      folder: pack.folder.replace(/\/$/, ''),
      ...(pack.manifest === undefined ? {} : { manifest: pack.manifest }),
      problems: pack.problems.length + (refused.get(pack)?.length ?? 0),
      compiled: pack,
    };
    if (errors.length > 0) return { ...base, state: 'broken' as const, problem: errors[0]! };
    return { ...base, state: off.has(pack.manifest!.id) ? ('off' as const) : ('on' as const) };
  });
}

/** What starting a game with packs came to: the story to play and what to tell the player, or the errors of a `--pack` folder. */
export type PlayPacks =
  | {
      readonly story: Story;
      readonly notices: readonly string[];
      /** The installed packs, as Settings lists them to switch. */
      readonly switches: readonly PackSwitch[];
      /** How many installed packs are off because of errors. */
      readonly broken: number;
    }
  | { readonly errors: readonly Problem[]; readonly folders: readonly string[] };

/**
 * `story` with the packs in `dirs` (`--pack`) and, when `saveDir` is given,
 * the installed packs that are on. A `--pack` folder with errors stops the
 * start; an installed pack with errors is left out with a notice. A `--pack`
 * folder with the id of an installed pack is played instead of it.
 */
export async function playWithPacks(story: Story, dirs: readonly string[], saveDir: string | undefined): Promise<PlayPacks> {
  const given: CompiledPack[] = [];
  for (const dir of dirs) given.push(await loadPack(story, dir));
  const installed = saveDir === undefined ? [] : await installedPacks(story, saveDir);
  const givenIds = new Set(given.filter(isSound).map((p) => p.manifest!.id));
  const notices: string[] = [];
  for (const pack of installed) {
    if (pack.state !== 'broken') continue;
    notices.push(brokenNotice(pack));
  }
  const on = installed.filter((p) => p.state === 'on' && !givenIds.has(p.manifest!.id)).map((p) => p.compiled);
  const packed = addPacks(story, [...given, ...on]);
  const errors: Problem[] = [];
  const failing: string[] = [];
  for (const pack of given) {
    const problems = [...pack.problems, ...(packed.refused.get(pack) ?? [])].filter((p) => p.severity === 'error');
    if (problems.length > 0) failing.push(pack.folder);
    errors.push(...problems);
  }
  if (errors.length > 0) return { errors, folders: failing };
  for (const pack of on) {
    const refused = packed.refused.get(pack);
    if (refused !== undefined) notices.push(offNotice(pack, refused[0]!));
  }
  // A broken pack's title may hold anything (a control character is one of its errors): one safe line.
  const switches = installed.map((p): PackSwitch => ({ id: switchId(p), title: oneLine(p.manifest?.title ?? switchId(p)), state: p.state }));
  return { story: packed.story, notices, switches, broken: notices.length };
}

/** `Pack "X" (folder/) is off: its error`, one line for an installed pack with errors. */
function brokenNotice(pack: InstalledPack): string {
  return offNotice(pack.compiled, pack.problem!, pack.problems);
}

function offNotice(pack: CompiledPack, problem: Problem, count = 1): string {
  const name = oneLine(pack.manifest === undefined ? folderLabel(pack.folder) : `"${pack.manifest.title}" (${folderLabel(pack.folder)})`);
  const more = count > 1 ? ` ('hyosan check --pack ${folderLabel(pack.folder)}' lists all ${count} problems)` : '';
  return `Pack ${name} is off because of an error: ${formatProblem(problem)}${more}`;
}

/** The installed packs for people: one line each (and its first problem under a broken one), then how to switch them. */
export function packLines(saveDir: string, packs: readonly InstalledPack[]): string[] {
  const where = packsDir(saveDir);
  if (packs.length === 0) return [`No packs installed. To install one, copy its folder into ${where}/ (then 'hyosan packs' lists it).`];
  const lines = [`Packs in ${where}/:`];
  for (const p of packs) {
    const folder = `${basename(p.folder)}/`;
    const name = p.manifest === undefined ? folder : `${p.manifest.id} ${p.manifest.version}  ${p.manifest.title} — by ${p.manifest.author}  (${folder})`;
    lines.push(`  ${p.state.padEnd(6)} ${oneLine(name)}`);
    if (p.problem !== undefined) lines.push(`         ${formatProblem(p.problem)}`);
  }
  lines.push('', "Switch one with 'hyosan packs on ID' or 'hyosan packs off ID' (in plain mode: pack on ID); the next game starts with it on or off.");
  return lines;
}

/** Switches the installed pack `id` on or off (kept in the player's profile, for the next game); what to tell the player. */
export async function switchInstalledPack(
  packs: readonly InstalledPack[],
  id: string,
  on: boolean,
  saveDir: string,
): Promise<{ readonly ok: boolean; readonly message: string }> {
  const named = packs.filter((p) => switchId(p) === id);
  const pack = named.find((p) => p.state !== 'broken') ?? named[0];
  if (pack === undefined) {
    const guess = closest(id, packs.map(switchId));
    return { ok: false, message: `No installed pack '${oneLine(id)}'${guess === undefined ? '' : ` (did you mean ${guess}?)`}; 'hyosan packs' lists them.` };
  }
  const dir = profileDir(saveDir);
  const off = new Set(await readPacksOff(dir));
  if (on) off.delete(id);
  else off.add(id);
  try {
    await writePacksOff(dir, [...off]);
  } catch (error) {
    return { ok: false, message: `Could not keep the setting (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).` };
  }
  const title = pack.manifest === undefined ? id : `"${pack.manifest.title}" (${id})`;
  const broken = pack.state === 'broken' && on ? ` It has an error, so it stays off until that is fixed: ${formatProblem(pack.problem!)}` : '';
  return { ok: true, message: `Pack ${oneLine(title)} is ${on ? 'on' : 'off'} from the next game.${broken}` };
}
