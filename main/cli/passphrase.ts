/**
 * Passphrase input for the CLI: a no-echo TTY prompt, or `--passphrase-stdin` (one line per needed
 * passphrase). Never argv, never the environment. New passphrases are asked twice on a TTY.
 * `--passphrase-stdin` with a terminal as stdin prompts without echo, as if it were not given.
 */
import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import { UserFacingError } from './user-facing-error.ts';

export interface PassphraseReader {
  /** An existing passphrase. */
  existing(prompt: string): Promise<string>;
  /** A new passphrase: confirmed by a second entry on a TTY. */
  fresh(prompt: string): Promise<string>;
  /** A plain (echoed) line, e.g. a recovery share; from stdin in stdin mode. */
  line(prompt: string): Promise<string>;
  close(): void;
}

let stdinLines: AsyncIterator<string> | undefined;
let stdinInterface: Interface | undefined;

async function nextStdinLine(what: string): Promise<string> {
  if (!stdinLines) {
    stdinInterface = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
    stdinLines = stdinInterface[Symbol.asyncIterator]();
  }
  const next = await stdinLines.next();
  if (next.done) throw new UserFacingError(`standard input ended before the ${what} was read; give one line per passphrase or share.`);
  return next.value;
}

async function promptHidden(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new UserFacingError('no terminal to ask for a passphrase; run in a terminal or pass --passphrase-stdin and pipe one line per passphrase.');
  }
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  process.stderr.write(prompt);
  try {
    return await new Promise<string>((resolve, reject) => {
      // Ctrl-C in raw mode reaches readline, not the process: without this the prompt would hang unanswered.
      rl.on('SIGINT', () => reject(new UserFacingError('interrupted at the passphrase prompt; nothing was unlocked or changed', 130)));
      rl.on('close', () => reject(new UserFacingError('the terminal closed before the passphrase was entered; nothing was unlocked or changed')));
      rl.question('', resolve);
    });
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

async function promptVisible(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: Boolean(process.stdin.isTTY) });
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.on('SIGINT', () => reject(new UserFacingError('interrupted at the prompt; nothing was changed', 130)));
      rl.on('close', () => reject(new UserFacingError('input ended before the line was entered; nothing was changed')));
      rl.question(prompt, resolve);
    });
  } finally {
    rl.close();
  }
}

export function passphraseReader(fromStdin: boolean, stdinIsTTY = Boolean(process.stdin.isTTY)): PassphraseReader {
  // On a terminal a line read from stdin is echoed as typed (and kept in the scrollback), and no
  // prompt says what to type: --passphrase-stdin there asks without echo instead, as without it.
  if (fromStdin && !stdinIsTTY) {
    return {
      existing: (prompt) => nextStdinLine(prompt.replace(/:\s*$/, '')),
      fresh: (prompt) => nextStdinLine(prompt.replace(/:\s*$/, '')),
      line: (prompt) => nextStdinLine(prompt.replace(/:\s*$/, '')),
      close: () => stdinInterface?.close(),
    };
  }
  return {
    existing: (prompt) => promptHidden(prompt),
    async fresh(prompt) {
      const first = await promptHidden(prompt);
      const second = await promptHidden('Repeat it: ');
      if (first !== second) throw new UserFacingError('the two entries differ; nothing was changed. Run the command again.');
      return first;
    },
    line: (prompt) => (process.stdin.isTTY ? promptVisible(prompt) : nextStdinLine(prompt.replace(/:\s*$/, ''))),
    close: () => stdinInterface?.close(),
  };
}
