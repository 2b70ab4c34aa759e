import { describe, expect, it } from 'vitest';
import { EgressRefusedError, checkEgress, classifyAddress, parseIpv6 } from '../../../main/providers/egress-guard.ts';
import type { HostResolver } from '../../../main/providers/egress-guard.ts';

/** DNS we control: never leaves the process. */
function resolver(table: Record<string, readonly string[]>): HostResolver {
  return async (hostname) => {
    const answers = table[hostname];
    if (answers === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

const dns = resolver({
  localhost: ['127.0.0.1', '::1'],
  'vllm.site.internal': ['10.1.2.3'],
  'public.example': ['8.8.8.8'],
  'evil-public.example': ['8.8.8.8'],
  'split.example': ['10.0.0.5', '8.8.4.4'],
  'mapped.example': ['::ffff:8.8.8.8'],
  'empty.example': [],
});

async function refusal(url: string, allow: readonly string[] = []): Promise<EgressRefusedError> {
  const error = await checkEgress(url, { resolve: dns, allow }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EgressRefusedError);
  return error as EgressRefusedError;
}

describe('egress guard: addresses it allows', () => {
  it.each([
    ['http://127.0.0.1:8080/v1', '127.0.0.1', 'loopback'],
    ['http://127.255.0.9/', '127.255.0.9', 'loopback'],
    ['http://[::1]:8000/v1', '::1', 'loopback'],
    ['http://10.20.30.40/v1', '10.20.30.40', 'private'],
    ['http://172.16.0.1/', '172.16.0.1', 'private'],
    ['http://172.31.255.254/', '172.31.255.254', 'private'],
    ['http://172.16.0.0/', '172.16.0.0', 'private'],
    ['https://192.168.1.10:8443/v1', '192.168.1.10', 'private'],
    ['http://[fd12:3456::1]/', 'fd12:3456::1', 'unique-local'],
    ['http://[fe80::1]/', 'fe80::1', 'link-local'],
  ])('allows %s and pins %s (%s)', async (url, address, addressClass) => {
    const target = await checkEgress(url, { resolve: dns });
    expect(target).toMatchObject({ address, addressClass });
  });

  it('resolves localhost and pins the connection to the loopback address it checked', async () => {
    const target = await checkEgress('http://localhost:8080/v1', { resolve: dns });
    expect(target).toMatchObject({ hostname: 'localhost', address: '127.0.0.1', family: 4, port: 8080 });
  });

  it('resolves a site hostname to its private address and keeps the name for the Host header', async () => {
    const target = await checkEgress('https://vllm.site.internal/v1', { resolve: dns });
    expect(target).toMatchObject({ hostname: 'vllm.site.internal', address: '10.1.2.3', port: 443, addressClass: 'private' });
  });

  it('uses the system resolver by default, for localhost', async () => {
    const target = await checkEgress('http://localhost:1/');
    expect(['loopback']).toContain(classifyAddress(target.address));
  });
});

describe('egress guard: what it refuses', () => {
  // 172.15.255.255 and 172.0.0.1 sit just below 172.16.0.0/12 and inside a /11 around it: public.
  it.each(['http://8.8.8.8/v1', 'https://1.1.1.1/', 'http://172.32.0.1/', 'http://172.15.255.255/', 'http://172.0.0.1/', 'http://192.169.0.1/', 'http://11.0.0.1/', 'http://[2001:4860:4860::8888]/'])(
    'refuses the public address in %s, naming it and saying how to allow it',
    async (url) => {
      const error = await refusal(url);
      expect(error.reason).toBe('public-address');
      expect(error.address).toBeDefined();
      expect(error.message).toContain(error.address!);
      expect(error.message).toMatch(/public internet address.*`allow` list \(routing\.servers\.<name>\.allow in the model manifest\)/);
    },
  );

  it('refuses a hostname that resolves to a public address', async () => {
    const error = await refusal('http://public.example:8000/v1');
    expect(error).toMatchObject({ reason: 'public-address', address: '8.8.8.8' });
    expect(error.message).toContain('public.example resolves to it');
  });

  it('refuses a hostname when ANY of its addresses is public, even if another is private', async () => {
    expect(await refusal('http://split.example/')).toMatchObject({ address: '8.8.4.4' });
  });

  it('refuses a hostname that resolves to an IPv4-mapped public address', async () => {
    expect(await refusal('http://mapped.example/')).toMatchObject({ reason: 'public-address', address: '::ffff:8.8.8.8' });
  });

  it.each([
    ['http://[::ffff:8.8.8.8]/', 'public-address'],
    ['http://[::ffff:808:808]/', 'public-address'],
    ['http://[64:ff9b::8.8.8.8]/', 'public-address'],
    ['http://0x08080808/', 'public-address'],
    ['http://134744072/', 'public-address'],
    ['http://010.010.010.010/', 'public-address'], // octal 8.8.8.8
    ['http://0.0.0.0:8080/', 'reserved-address'],
    ['http://[::]/', 'reserved-address'],
    ['http://169.254.169.254/latest/meta-data', 'reserved-address'],
    ['http://[fd00:ec2::254]/latest/meta-data', 'reserved-address'], // the same service over IPv6, inside unique-local space
    ['http://100.64.0.1/', 'reserved-address'],
    ['http://224.0.0.1/', 'reserved-address'],
  ])('sees through %s (%s)', async (url, reason) => {
    expect((await refusal(url)).reason).toBe(reason);
  });

  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://0xa.1/', '10.0.0.1'],
  ])('reads the numeric form %s as the loopback/private address %s', async (url, address) => {
    expect((await checkEgress(url, { resolve: dns })).address).toBe(address);
  });

  it.each(['file:///etc/passwd', 'ftp://10.0.0.1/', 'gopher://127.0.0.1/', 'ws://127.0.0.1/'])('refuses the scheme of %s', async (url) => {
    expect((await refusal(url)).reason).toBe('scheme');
  });

  it('refuses credentials in the URL without repeating them', async () => {
    const error = await refusal('http://admin:hunter2@127.0.0.1:8080/v1?key=sk-abc');
    expect(error.reason).toBe('credentials');
    expect(error.message).not.toMatch(/hunter2|admin|sk-abc/);
    expect(error.url).toBe('http://127.0.0.1:8080/v1');
  });

  it('refuses a username alone (an API key as userinfo) as credentials, without repeating it', async () => {
    const error = await refusal('http://sk-live-abc123@127.0.0.1:8080/v1');
    expect(error.reason).toBe('credentials');
    expect(error.message).not.toContain('sk-live-abc123');
    expect(error.url).toBe('http://127.0.0.1:8080/v1');
  });

  it('refuses a name that does not resolve, or resolves to nothing', async () => {
    expect((await refusal('http://nowhere.example/')).reason).toBe('unresolvable');
    expect((await refusal('http://empty.example/')).reason).toBe('unresolvable');
    expect((await refusal('not a url')).reason).toBe('invalid-url');
  });
});

describe('egress guard: the site allow-list', () => {
  it('allows a public address the site lists explicitly, by address or by range', async () => {
    expect((await checkEgress('http://8.8.8.8/', { resolve: dns, allow: ['8.8.8.8'] })).addressClass).toBe('allow-listed');
    expect((await checkEgress('http://203.0.113.7/', { resolve: dns, allow: ['203.0.113.0/24'] })).address).toBe('203.0.113.7');
    expect((await checkEgress('http://[2001:db8::5]/', { resolve: dns, allow: ['2001:db8::/32'] })).address).toBe('2001:db8::5');
    await refusal('http://203.0.114.1/', ['203.0.113.0/24']);
  });

  it('allows a hostname the site lists explicitly, still pinning the address it resolved', async () => {
    const target = await checkEgress('http://public.example/', { resolve: dns, allow: ['PUBLIC.example'] });
    expect(target).toMatchObject({ address: '8.8.8.8', addressClass: 'allow-listed' });
    await refusal('http://public.example/', ['other.example']);
  });

  it('matches an allow-listed hostname whole, so a name that merely ends with it is refused', async () => {
    const error = await refusal('http://evil-public.example/', ['public.example']);
    expect(error).toMatchObject({ reason: 'public-address', address: '8.8.8.8' });
    await refusal('http://public.example/', ['c.example']);
  });

  it('refuses a malformed allow-list entry instead of guessing', async () => {
    await expect(checkEgress('http://127.0.0.1/', { allow: ['10.0.0.0/99'] })).rejects.toThrow(/allow-list entry "10.0.0.0\/99"/);
  });

  // Number('') is 0: a lax parse read "10.0.0.0/" as a /0 range and let every address through.
  it.each(['10.0.0.0/', '10.0.0.0/ ', '2001:db8::/', '10.0.0.0/8/9', '10.0.0.0/0x8', '10.0.0.0/+8', '10.0.0.0/8.0', '0.0.0.0/0', '::/0'])(
    'refuses the allow-list entry %j rather than reading it as a wider range',
    async (entry) => {
      await expect(checkEgress('http://8.8.8.8/', { resolve: dns, allow: [entry] })).rejects.toThrow(/allow-list entry .* prefix length from 1/);
      await expect(checkEgress('http://[2606:4700::1111]/', { resolve: dns, allow: [entry] })).rejects.toThrow(TypeError);
    },
  );
});

describe('IPv6 parsing', () => {
  it('expands compressed and IPv4-suffixed forms', () => {
    expect(parseIpv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('fe80::1:2')).toEqual([0xfe80, 0, 0, 0, 0, 0, 1, 2]);
    expect(parseIpv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIpv6('not-ip')).toBeUndefined();
  });
});
