/** An author tool's io that keeps what it writes, for tests that run a command in-process. */
import type { AuthorToolIo } from '../../src/cli/tool-args.js';

/** `io` for a command, and `out`, which fills with what it writes to stdout and stderr (not terminals). */
export function captureIo(): { out: { stdout: string; stderr: string }; io: AuthorToolIo } {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (t: string) => ((out.stdout += t), true) },
    stderr: { write: (t: string) => ((out.stderr += t), true) },
    shippedStory: () => [],
  } as unknown as AuthorToolIo;
  return { out, io };
}
