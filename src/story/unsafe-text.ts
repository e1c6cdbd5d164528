/**
 * A story downloaded from someone else must not control the player's
 * terminal: every string a story file holds (texts, titles, choices, hints,
 * names, labels, ids, keys) is refused at load, with its line and column,
 * when it contains a character engine/control-chars.ts lists as unsafe.
 * Checked on the parsed data, so an escape such as `"\e]52;…"` is caught as
 * surely as a raw ESC byte.
 */
import { UNSAFE_CHAR, describeChar, unsafeCharAt } from '../engine/control-chars.js';
import { type DataPath, type Position, type YamlFile, isMapping, positionInScalar, positionOf } from './parse-yaml.js';
import type { Problem } from './problem.js';

/** A problem for each string (or key) of `yaml`'s data that holds an unsafe character. */
export function unsafeTextProblems(yaml: YamlFile): Problem[] {
  // Only such a character written as it is, or a backslash escape, can put one in a value.
  if (!UNSAFE_CHAR.test(yaml.text) && !yaml.text.includes('\\')) return [];
  const problems: Problem[] = [];
  const report = (at: Position, char: string, what: string) =>
    problems.push({
      file: yaml.path,
      line: at.line,
      col: at.col,
      severity: 'error',
      message:
        `this ${what} contains ${describeChar(char)}, a control character that could take over the player's ` +
        'terminal: remove it (text may hold line breaks and tabs, no other control characters)',
    });
  // A list, not recursion: the data's depth is the file's to choose.
  const pending: { value: unknown; path: DataPath }[] = [{ value: yaml.data, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      const at = unsafeCharAt(value);
      if (at >= 0) report(positionInScalar(yaml, path, at), value[at] as string, 'text');
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push({ value: item, path: [...path, i] }));
    } else if (isMapping(value)) {
      for (const [key, item] of Object.entries(value)) {
        const at = unsafeCharAt(key);
        if (at >= 0) report(positionOf(yaml, [...path, key], 'key'), key[at] as string, 'name');
        pending.push({ value: item, path: [...path, key] });
      }
    }
  }
  return problems;
}
