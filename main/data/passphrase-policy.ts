/** Minimum passphrase rules: length, and refusal of the obviously weak. */
import { WeakPassphraseError } from './errors.ts';

export const MIN_PASSPHRASE_LENGTH = 12;

const COMMON = new Set([
  'password', 'password1', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword123', 'passphrase',
  '123456789012', '1234567890123', '12345678901234', '123456123456', '111111111111', '000000000000',
  'qwertyuiop', 'qwertyuiopas', 'qwerty123456', 'qwertyqwerty', 'asdfghjkl', 'asdfasdfasdf', 'zxcvbnm',
  'iloveyou', 'letmein', 'letmeinplease', 'welcome', 'welcome123', 'welcome1234', 'admin', 'administrator',
  'admin123', 'adminadmin', 'changeme', 'changeme123', 'changemenow', 'secret', 'secret123', 'trustno1',
  'monkey', 'dragon', 'football', 'baseball', 'sunshine', 'princess', 'abc123', 'abcdefghijkl',
  'abcabcabcabc', 'correcthorsebatterystaple', 'airlock', 'airlock123', 'airlockairlock', 'opensesame',
]);

export interface PassphraseContext {
  user?: string;
  tenant?: string;
}

/** Throws WeakPassphraseError (never echoing the passphrase) when a rule is broken. */
export function checkPassphrase(passphrase: string, context: PassphraseContext = {}): void {
  const normalised = passphrase.normalize('NFC');
  if ([...normalised].length < MIN_PASSPHRASE_LENGTH) throw new WeakPassphraseError(`it must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  const lower = normalised.toLowerCase();
  if (new Set(lower).size === 1) throw new WeakPassphraseError('it repeats one character');
  if (new Set(lower).size <= 3) throw new WeakPassphraseError('it uses too few different characters');
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[\s!.?]+$/u, ''))) throw new WeakPassphraseError('it is on the list of commonly used passwords');
  for (const name of [context.user, context.tenant]) {
    if (name && (lower === name.toLowerCase() || lower.includes(name.toLowerCase()) && name.length * 2 > lower.length)) {
      throw new WeakPassphraseError('it is (almost) the user or tenant name');
    }
  }
}
