/**
 * The egress guard: the appliance never talks to the internet. A model server's base URL is
 * accepted only when every address its host resolves to is loopback, private-range, or explicitly
 * allow-listed by the site; the caller then connects to the checked address (pinned), so a DNS
 * answer that changes after the check (rebinding) cannot redirect the connection.
 *
 * Hosts are read with the WHATWG URL parser — the same one that sends the request — so numeric
 * tricks (http://2130706433/, http://0x08080808/, http://0177.0.0.1/) are judged as the address
 * they really mean, and IPv6 forms that embed an IPv4 address (::ffff:8.8.8.8) as that address.
 */
import { lookup } from 'node:dns/promises';
import { isIP, isIPv4, isIPv6 } from 'node:net';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a hostname to all its addresses; injectable so tests never touch real DNS. */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export type EgressRefusal =
  | 'invalid-url'
  | 'scheme'
  | 'credentials'
  | 'public-address'
  | 'reserved-address'
  | 'unresolvable';

export type AddressClass =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'unspecified'
  | 'reserved'
  | 'public';

/** A base URL the guard would not let the appliance connect to: says which address, why, and what to do. */
export class EgressRefusedError extends Error {
  readonly code = 'egress-refused';
  constructor(
    readonly reason: EgressRefusal,
    /** The URL without credentials, query or fragment. */
    readonly url: string,
    readonly address: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'EgressRefusedError';
  }
}

export interface EgressPolicy {
  /**
   * Extra destinations the site explicitly allows: hostnames (exact, case-insensitive), IP
   * addresses, or CIDR ranges such as "203.0.113.0/24" or "2001:db8::/32".
   */
  readonly allow?: readonly string[];
  readonly resolve?: HostResolver;
}

/** A checked destination: connect to `address`, and send `hostname` as Host (and TLS server name). */
export interface EgressTarget {
  readonly url: URL;
  readonly hostname: string;
  readonly address: string;
  readonly family: 4 | 6;
  readonly port: number;
  readonly addressClass: AddressClass | 'allow-listed';
}

const ALLOWED_CLASSES: ReadonlySet<AddressClass> = new Set(['loopback', 'private', 'link-local', 'unique-local']);

/** The URL as it may appear in a message or log: no user info, query or fragment. */
export function redactUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** Eight 16-bit groups, or undefined if `ip` is not an IPv6 address. */
export function parseIpv6(ip: string): number[] | undefined {
  const text = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(text)) return undefined;
  let head = text;
  let tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const v4 = ipv4ToNumber(dotted[1]);
    tail = [v4 >>> 16, v4 & 0xffff];
    head = text.slice(0, -dotted[1].length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left = '', right] = head.split('::');
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const l = groups(left);
  const r = [...(right === undefined ? [] : groups(right)), ...tail];
  if (right === undefined) return [...l, ...r];
  return [...l, ...Array<number>(8 - l.length - r.length).fill(0), ...r];
}

function classifyIpv4(ip: string): AddressClass {
  const n = ipv4ToNumber(ip);
  const inRange = (base: string, bits: number): boolean => bits === 0 || (n >>> (32 - bits)) === (ipv4ToNumber(base) >>> (32 - bits));
  if (inRange('127.0.0.0', 8)) return 'loopback';
  if (inRange('10.0.0.0', 8) || inRange('172.16.0.0', 12) || inRange('192.168.0.0', 16)) return 'private';
  if (inRange('0.0.0.0', 8)) return 'unspecified'; // "this network": on Linux 0.0.0.0 even reaches local services
  // 169.254/16 is link-local but also where cloud metadata services live; only by explicit allow-list.
  if (inRange('169.254.0.0', 16) || inRange('100.64.0.0', 10) || inRange('224.0.0.0', 4) || inRange('240.0.0.0', 4)) return 'reserved';
  return 'public';
}

/** What kind of address this is, judging IPv4-mapped / NAT64 IPv6 forms by the IPv4 address inside. */
export function classifyAddress(ip: string): AddressClass {
  if (isIPv4(ip)) return classifyIpv4(ip);
  const g = parseIpv6(ip);
  if (g === undefined) throw new TypeError(`Not an IP address: ${ip}`);
  const embeddedV4 = (): string => [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join('.');
  const zeros = (from: number, to: number): boolean => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return classifyIpv4(embeddedV4()); // ::ffff:a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return classifyIpv4(embeddedV4()); // NAT64 64:ff9b::/96
  if (zeros(0, 8)) return 'unspecified';
  if (zeros(0, 7) && g[7] === 1) return 'loopback';
  if (zeros(0, 6)) return 'reserved'; // deprecated IPv4-compatible ::a.b.c.d
  // The cloud instance-metadata service over IPv6 (fd00:ec2::254): refused like 169.254/16, though unique-local.
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && zeros(2, 7) && g[7] === 0x0254) return 'reserved';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xff00) === 0xff00) return 'reserved'; // multicast
  return 'public';
}

interface Cidr {
  readonly family: 4 | 6;
  readonly bits: number;
  readonly groups: number[]; // IPv4 as two 16-bit groups, IPv6 as eight
}

function toGroups(ip: string): { family: 4 | 6; groups: number[] } | undefined {
  if (isIPv4(ip)) {
    const n = ipv4ToNumber(ip);
    return { family: 4, groups: [n >>> 16, n & 0xffff] };
  }
  const g = parseIpv6(ip);
  if (g === undefined) return undefined;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return { family: 4, groups: g.slice(6) };
  return { family: 6, groups: g };
}

/**
 * An address or ADDRESS/BITS. The prefix length must be written out in decimal digits: Number('')
 * is 0, so a lax parse read "10.0.0.0/" as /0, a range that matches every address. A /0 range is
 * refused outright for the same reason: it would allow the whole internet.
 */
function parseCidr(entry: string): Cidr | undefined {
  const parts = entry.split('/');
  if (parts.length > 2) return undefined;
  const [ip = '', bitsText] = parts;
  const parsed = toGroups(ip);
  if (parsed === undefined) return undefined;
  const max = parsed.family === 4 ? 32 : 128;
  if (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (bits < 1 || bits > max) return undefined;
  return { ...parsed, bits };
}

function inCidr(ip: string, cidr: Cidr): boolean {
  const parsed = toGroups(ip);
  if (parsed?.family !== cidr.family) return false;
  for (let i = 0, left = cidr.bits; left > 0; i++, left -= 16) {
    const mask = left >= 16 ? 0xffff : (0xffff << (16 - left)) & 0xffff;
    if (((parsed.groups[i] ?? 0) & mask) !== ((cidr.groups[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** Throws for an allow-list entry that is neither a hostname, an IP address nor a CIDR range. */
export function validateAllowList(allow: readonly string[]): void {
  for (const entry of allow) {
    if (entry.includes('/') ? parseCidr(entry) === undefined : !/^[a-z0-9.-]+$/i.test(entry) && isIP(entry) === 0) {
      throw new TypeError(`Egress allow-list entry "${entry}" is not a hostname, IP address or CIDR range with a prefix length from 1 to 32 (IPv4) or 128 (IPv6), e.g. 10.20.0.0/16.`);
    }
  }
}

/**
 * Checks a base URL against the egress policy and returns the address to connect to. Refuses
 * with {@link EgressRefusedError} unless every address the host resolves to is allowed.
 */
export async function checkEgress(baseUrl: string, policy: EgressPolicy = {}): Promise<EgressTarget> {
  const allow = policy.allow ?? [];
  validateAllowList(allow);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new EgressRefusedError('invalid-url', '(unparseable)', undefined, 'The model server base URL is not a valid URL; give it as http://host:port/v1.');
  }
  const shown = redactUrl(url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EgressRefusedError('scheme', shown, undefined, `Refusing model server URL ${shown}: only http and https are allowed, not ${url.protocol.slice(0, -1)}.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new EgressRefusedError(
      'credentials',
      shown,
      undefined,
      `Refusing model server URL ${shown}: it carries credentials in the URL. Remove them and configure the API key separately.`,
    );
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const allowedByName = allow.some((entry) => !entry.includes('/') && isIP(entry) === 0 && entry.toLowerCase() === hostname);
  const cidrs = allow.map((e) => (e.includes('/') || isIP(e) !== 0 ? parseCidr(e) : undefined)).filter((c): c is Cidr => c !== undefined);
  const todo = `If ${hostname} is an on-prem model server, add "${hostname}" (or its address range) to that server's \`allow\` list (routing.servers.<name>.allow in the model manifest).`;

  let addresses: readonly ResolvedAddress[];
  if (isIP(hostname) !== 0) {
    addresses = [{ address: hostname, family: isIPv6(hostname) ? 6 : 4 }];
  } else {
    try {
      addresses = await (policy.resolve ?? systemResolver)(hostname);
    } catch (cause) {
      throw new EgressRefusedError('unresolvable', shown, undefined, `Refusing model server URL ${shown}: ${hostname} could not be resolved (${(cause as Error).message}), so its address cannot be checked. Check the name, or use the server's IP address.`);
    }
    if (addresses.length === 0) {
      throw new EgressRefusedError('unresolvable', shown, undefined, `Refusing model server URL ${shown}: ${hostname} resolved to no address. Check the name, or use the server's IP address.`);
    }
  }

  let pinned: { address: string; family: 4 | 6; addressClass: EgressTarget['addressClass'] } | undefined;
  for (const { address, family } of addresses) {
    const addressClass = classifyAddress(address);
    const allowed = allowedByName || ALLOWED_CLASSES.has(addressClass) || cidrs.some((c) => inCidr(address, c));
    if (!allowed) {
      const via = address === hostname ? '' : ` (${hostname} resolves to it)`;
      const what = addressClass === 'public' ? 'a public internet address; the appliance never talks to the internet' : `a ${addressClass} address, not a loopback or private-range one`;
      throw new EgressRefusedError(
        addressClass === 'public' ? 'public-address' : 'reserved-address',
        shown,
        address,
        `Refusing model server URL ${shown}: ${address}${via} is ${what}. ${todo}`,
      );
    }
    pinned ??= { address, family, addressClass: ALLOWED_CLASSES.has(addressClass) ? addressClass : 'allow-listed' };
  }
  if (pinned === undefined) throw new EgressRefusedError('unresolvable', shown, undefined, `Refusing model server URL ${shown}: no address to connect to.`);
  return { url, hostname, address: pinned.address, family: pinned.family, port, addressClass: pinned.addressClass };
}
