/**
 * Loads the secure-memory addon (native/build/Release/secure_memory.node, built by native/build.mjs).
 * Where it is missing or the OS refuses, logs ONE warning (never any secret) and falls back to no-ops,
 * so the appliance keeps working with keys that could reach swap or a core dump.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SecureMemory {
  /** True when the native addon is loaded. */
  readonly native: boolean;
  /** Keeps the pages holding `buf` out of swap and core dumps where the OS allows. */
  lockBuffer(buf: Uint8Array): { locked: boolean; dontDump: boolean };
  /** Disables core dumps for this process (RLIMIT_CORE 0, PR_SET_DUMPABLE 0). */
  disableCoreDumps(): { rlimit: boolean; dumpable: boolean };
}

interface Addon {
  lockBuffer(buf: Uint8Array): { locked: boolean; dontDump: boolean };
  disableCoreDumps(): { rlimit: boolean; dumpable: boolean };
}

const addonPath = join(dirname(fileURLToPath(import.meta.url)), 'build', 'Release', 'secure_memory.node');
let warned = false;
let instance: SecureMemory | undefined;

function warnOnce(reason: string): void {
  if (warned) return;
  warned = true;
  process.emitWarning(
    `secure memory unavailable (${reason}); key buffers are not locked and may reach swap or core dumps. ` +
      'Build the addon with `node native/build.mjs`.',
    { code: 'AIRLOCK_SECURE_MEMORY' },
  );
}

function load(): SecureMemory {
  let addon: Addon | undefined;
  if (existsSync(addonPath)) {
    try {
      addon = createRequire(import.meta.url)(addonPath) as Addon;
    } catch (error) {
      warnOnce(`addon failed to load: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    warnOnce('addon not built');
  }
  if (!addon) {
    return {
      native: false,
      lockBuffer: () => ({ locked: false, dontDump: false }),
      disableCoreDumps: () => ({ rlimit: false, dumpable: false }),
    };
  }
  const native = addon;
  return {
    native: true,
    lockBuffer(buf) {
      const result = native.lockBuffer(buf);
      if (!result.locked) warnOnce('mlock refused (raise RLIMIT_MEMLOCK)');
      return result;
    },
    disableCoreDumps: () => native.disableCoreDumps(),
  };
}

export function secureMemory(): SecureMemory {
  instance ??= load();
  return instance;
}

const SLOT = 64;
const ARENA = 64 * 1024;
interface Slot { arena: Uint8Array; offset: number }
const free: Slot[] = [];
const owner = new WeakMap<Uint8Array, Slot>();

/**
 * Allocates a key buffer from a locked arena (64 KiB, mlocked once) so that short-lived keys (one DEK
 * per content item) neither lock a page each nor leave locked pages behind. Release with secureFree.
 */
export function secureAlloc(length: number): Uint8Array {
  if (length > SLOT) {
    const buf = new Uint8Array(new ArrayBuffer(length));
    secureMemory().lockBuffer(buf);
    return buf;
  }
  if (free.length === 0) {
    const arena = new Uint8Array(new ArrayBuffer(ARENA));
    secureMemory().lockBuffer(arena);
    for (let offset = ARENA - SLOT; offset >= 0; offset -= SLOT) free.push({ arena, offset });
  }
  const slot = free.pop()!;
  const view = slot.arena.subarray(slot.offset, slot.offset + length);
  owner.set(view, slot);
  return view;
}

/** Zeroes a key buffer and returns its arena slot. Safe to call twice or on any Uint8Array. */
export function secureFree(buf: Uint8Array | undefined): void {
  if (!buf) return;
  buf.fill(0);
  const slot = owner.get(buf);
  if (slot) {
    owner.delete(buf);
    slot.arena.fill(0, slot.offset, slot.offset + SLOT);
    free.push(slot);
  }
}
