/**
 * The syntax rules of the API server (src/core/rules.ts): each returns undefined for a valid
 * value and what is allowed otherwise.
 */
import * as rules from '../../../src/core/validators';

/** The values a rule accepts, of those given. */
function accepted(rule: (v: unknown) => string | undefined, values: readonly unknown[]): unknown[] {
  return values.filter(v => rule(v) === undefined);
}

describe('names', () => {
  const names = ['web', 'web-1', '1-web', 'a.b', 'Web', '-web', 'web-', 'web_1', '', 'a'.repeat(63), 'a'.repeat(64), 5];

  test('a DNS-1123 label: lowercase alphanumerics and "-", at most 63 characters', () => {
    expect(accepted(rules.dns1123Label, names)).toEqual(['web', 'web-1', '1-web', 'a'.repeat(63)]);
  });

  test('a DNS-1123 subdomain: labels joined by dots, at most 253 characters', () => {
    expect(accepted(rules.dns1123Subdomain, names)).toEqual(['web', 'web-1', '1-web', 'a.b', 'a'.repeat(63), 'a'.repeat(64)]);
    expect(accepted(rules.dns1123Subdomain, ['a.'.repeat(126) + 'a', 'a.'.repeat(126) + 'ab', 'a..b', '.a'])).toEqual(['a.'.repeat(126) + 'a']);
  });

  test('a DNS-1035 label (Service names) starts with a letter', () => {
    expect(accepted(rules.dns1035Label, names)).toEqual(['web', 'web-1', 'a'.repeat(63)]);
  });

  test('an ExternalName host is a subdomain with one optional trailing dot', () => {
    expect(accepted(rules.externalName, ['foo.example.com', 'foo.example.com.', 'foo.example.com..', 'Foo.example.com', 'foo..com', '', '.', 3]))
      .toEqual(['foo.example.com', 'foo.example.com.']);
  });
});

describe('labels and annotations', () => {
  test('a label key: an optional DNS subdomain prefix and "/", then a name of at most 63 characters', () => {
    expect(accepted(rules.labelKey, [
      'app', 'app.kubernetes.io/name', 'A_b.c-d', 'example.com/x', 'a/b/c', 'Example.com/x', '/x', 'x/', '-x', 'k k', '',
      'x'.repeat(63), 'x'.repeat(64), 7,
    ])).toEqual(['app', 'app.kubernetes.io/name', 'A_b.c-d', 'example.com/x', 'x'.repeat(63)]);
  });

  test('an annotation key is compared in lower case (the API server lowercases it first)', () => {
    expect(accepted(rules.annotationKey, ['note', 'Example.com/Note', 'my note', 'a/b/c'])).toEqual(['note', 'Example.com/Note']);
    expect(rules.labelKey('Example.com/Note')).toBeDefined();
  });

  test('a label value: empty, or at most 63 characters alphanumeric at both ends', () => {
    expect(accepted(rules.labelValue, ['', 'web', 'Web_1.x-y', '-x', 'x-', 'a b', 'x'.repeat(63), 'x'.repeat(64), 1, null]))
      .toEqual(['', 'web', 'Web_1.x-y', 'x'.repeat(63)]);
  });

  test('annotations hold at most 256 KiB, keys and values together', () => {
    const limit = rules.MAX_ANNOTATIONS_BYTES;
    expect(rules.annotationsSize(rules.annotationsBytes({ k: 'x'.repeat(limit - 1) }))).toBeUndefined();
    expect(rules.annotationsSize(rules.annotationsBytes({ k: 'x'.repeat(limit) }))).toBeDefined();
    expect(rules.annotationsSize(rules.annotationsBytes({ a: 'x'.repeat(limit / 2), b: 'x'.repeat(limit / 2) }))).toBeDefined();
  });

  test('annotations are measured in bytes of UTF-8, as the API server measures them, not in characters', () => {
    const limit = rules.MAX_ANNOTATIONS_BYTES;
    // 'é' is 2 bytes, '😀' 4 (and 2 UTF-16 code units): fewer characters than the limit, more bytes.
    expect(rules.annotationsSize(rules.annotationsBytes({ k: 'é'.repeat(limit / 2) }))).toBeDefined();
    expect(rules.annotationsSize(rules.annotationsBytes({ k: 'é'.repeat(limit / 2 - 1) }))).toBeUndefined();
    expect(rules.annotationsSize(rules.annotationsBytes({ k: '😀'.repeat(limit / 4) }))).toBeDefined();
    expect(rules.annotationsSize(rules.annotationsBytes({ k: '😀'.repeat(limit / 4 - 1) }))).toBeUndefined();
  });
});

describe('ports and numbers', () => {
  test('a port number is an integer from 1 to 65535', () => {
    expect(accepted(rules.portNumber, [1, 80, 65535, 0, -1, 65536, 80.5, '80', NaN, Infinity])).toEqual([1, 80, 65535]);
  });

  test('a container port name is an IANA service name: at most 15 characters, a letter, no "--" and no "-" at the ends', () => {
    expect(accepted(rules.ianaServiceName, ['http', 'http-alt', 'h2c', 'x'.repeat(15), 'x'.repeat(16), 'HTTP', '8080', 'http--alt', '-http', 'http-', '', 80]))
      .toEqual(['http', 'http-alt', 'h2c', 'x'.repeat(15)]);
  });

  test('an integer is an int32 of 0 or more unless told otherwise', () => {
    expect(accepted(rules.integer, [0, 3, rules.MAX_INT32, rules.MAX_INT32 + 1, -1, 1.5, '3', NaN])).toEqual([0, 3, rules.MAX_INT32]);
    expect(rules.MAX_INT32).toBe(2147483647);
    expect(accepted(v => rules.integer(v, 1, 10), [0, 1, 10, 11])).toEqual([1, 10]);
  });
});

describe('images', () => {
  test('the API server takes any non-empty image without surrounding whitespace', () => {
    expect(accepted(rules.image, ['nginx', 'NGINX:Latest', 'a b', '', ' nginx', 'nginx\n', undefined, 5])).toEqual(['nginx', 'NGINX:Latest', 'a b']);
  });

  test('a runtime pulls only a reference with the repository in lower case', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(accepted(rules.imageReference, [
      'nginx', 'nginx:1.27', 'nginx:Latest', 'library/nginx', 'ghcr.io/org/app:v1', 'localhost:5000/app', `app@${digest}`, `ghcr.io/org/app:1@${digest}`,
      'Example/app', '[::1]:5000/app',
      'NGINX:Latest', 'Nginx', 'ghcr.io/Org/app', 'nginx:', 'nginx::1', 'a b', 'app@sha256:abc', `nginx:${'x'.repeat(129)}`, '',
    ])).toEqual([
      'nginx', 'nginx:1.27', 'nginx:Latest', 'library/nginx', 'ghcr.io/org/app:v1', 'localhost:5000/app', `app@${digest}`, `ghcr.io/org/app:1@${digest}`,
      'Example/app', '[::1]:5000/app',
    ]);
  });
});

describe('containers', () => {
  test('an environment variable name: letters, digits, "_", "-" and ".", not starting with a digit', () => {
    expect(accepted(rules.envVarName, ['A', 'my_var', 'my.var-1', '_X', '-X', '.x', '1A', 'MY VAR', 'A=B', '', '.', '..', '..x'])).toEqual(['A', 'my_var', 'my.var-1', '_X', '-X', '.x']);
  });

  test('a relaxed environment variable name (1.32 on): printable ASCII, the space included, but "="', () => {
    expect(accepted((v: unknown) => rules.envVarName(v, true), ['A', '1A', 'MY VAR', '..', '~!@#', 'A=B', '', 'é', 'A\tB', 'A\u007fB', 7]))
      .toEqual(['A', '1A', 'MY VAR', '..', '~!@#']);
  });

  test('parseQuantity reads decimal and binary suffixes and exponents, and nothing else', () => {
    expect(['250m', '64Mi', '1Gi', '1e3', '1.5', '.5', '2k', '1E2', '+1', 3].map(rules.parseQuantity))
      .toEqual([0.25, 64 * 2 ** 20, 2 ** 30, 1000, 1.5, 0.5, 2000, 100, 1, 3]);
    expect(rules.parseQuantity('100n')).toBeCloseTo(1e-7, 12);
    // (white space around it is trimmed as the API server's decoding trims it, Go's strings.TrimSpace; not inside, and not a zero-width space)
    expect([' 1Gi', '1Gi ', '\t64Mi\n', '\u00a0250m\u3000'].map(rules.parseQuantity)).toEqual([2 ** 30, 2 ** 30, 64 * 2 ** 20, 0.25]);
    expect(['\u200b1Gi', '\ufeff1Gi', '  '].map(rules.parseQuantity)).toEqual([undefined, undefined, undefined]);
    expect(['', 'lots', '1 Gi', '1GB', 'Mi', '1.2.3', '1e', 'Infinity', NaN, null].map(rules.parseQuantity)).toEqual(Array(10).fill(undefined));
  });

  test('a resource quantity is a non-negative quantity', () => {
    expect(accepted(rules.quantity, ['100m', '0.5', '64Mi', '1e6', 0, '-1Mi', 'lots', -1])).toEqual(['100m', '0.5', '64Mi', '1e6', 0]);
  });

  test('a mount path is not empty (the API server accepts any other string, ":" too); a subPath is relative without ".."', () => {
    expect(accepted(rules.mountPath, ['/data', 'data', '', '/a:b', undefined])).toEqual(['/data', 'data', '/a:b']);
    expect(accepted(rules.relativePath, ['a', 'a/b', 'a..b', '', '/etc', '..', 'a/../../b'])).toEqual(['a', 'a/b', 'a..b', '']);
  });

  test('an IP address as netutils.ParseIPSloppy reads it: IPv4 (leading zeros too) or IPv6 (an IPv4 tail too)', () => {
    expect(accepted(rules.ipAddress, ['10.0.0.1', '010.001.1.1', '255.255.255.255', '256.1.1.1', '1.2.3', 'a.b', 'localhost', '::1', 'fd00::1',
      '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', 'fd00::1::2', ':::', 'fd00::g', 5, undefined])).toEqual([
      '10.0.0.1', '010.001.1.1', '255.255.255.255', '::1', 'fd00::1', '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8',
    ]);
  });

  test('a sysctl name: lowercase parts separated by "." or "/"; an HTTP header name: letters, digits and "-"', () => {
    expect(accepted(rules.sysctlName, ['net.ipv4.tcp_syncookies', 'net/ipv4/ip_local_port_range', 'kernel.shm_rmid_forced', 'Net.x', 'a..b', '.a', 'a.', ''])).toEqual([
      'net.ipv4.tcp_syncookies', 'net/ipv4/ip_local_port_range', 'kernel.shm_rmid_forced',
    ]);
    expect(accepted(rules.httpHeaderName, ['X-Probe', 'Host', 'a b', 'X_Probe', ''])).toEqual(['X-Probe', 'Host']);
  });
});

describe('addresses', () => {
  test('an IP address: IPv4 (leading zeros allowed, as ParseIPSloppy allows them) or IPv6, no zone', () => {
    expect(accepted(rules.ipAddress, ['192.0.2.10', '010.1.2.3', '255.255.255.255', '2001:db8::1', '::', '::ffff:1.2.3.4', 'fe80::1',
      '256.1.1.1', '1.2.3', '1.2.3.4.5', '2001:db8::1::2', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', 'x', '', 5])).toEqual(
      ['192.0.2.10', '010.1.2.3', '255.255.255.255', '2001:db8::1', '::', '::ffff:1.2.3.4', 'fe80::1']);
  });

  test('a non-special IP: not unspecified, loopback, link-local or link-local multicast', () => {
    expect(accepted(rules.nonSpecialIp, ['192.0.2.10', '2001:db8::1', '224.0.1.1', 'ff05::1',
      '0.0.0.0', '::', '127.0.0.1', '::1', '169.254.1.1', 'fe80::1', '224.0.0.5', 'ff02::1', '::ffff:127.0.0.1', 'x'])).toEqual(
      ['192.0.2.10', '2001:db8::1', '224.0.1.1', 'ff05::1']);
  });

  test('a CIDR: an address, "/" and a prefix no longer than the address; spaces around allowed', () => {
    expect(accepted(rules.cidr, ['10.0.0.0/8', ' 192.168.0.0/16 ', '2001:db8::/32', '10.0.0.1/32', '::/0',
      '10.0.0.1', '10.0.0.0/33', '2001:db8::/129', '10.0.0.0/8/1', '/8', 'x/8', 8])).toEqual(
      ['10.0.0.0/8', ' 192.168.0.0/16 ', '2001:db8::/32', '10.0.0.1/32', '::/0']);
  });

  test('isIpv6: an IPv4-mapped address counts as IPv4, as netutils.IsIPv6 counts it', () => {
    expect(['2001:db8::1', '::ffff:1.2.3.4', '1.2.3.4'].map(ip => rules.isIpv6(rules.parseIp(ip)!))).toEqual([true, false, false]);
  });

  test('a qualified name: an optional DNS subdomain prefix and "/", then a name', () => {
    expect(accepted(rules.qualifiedName, ['example.com/lb', 'lb', 'a_b.c', 'Not Valid!', 'a/b/c', '', 'Example.com/x'])).toEqual(['example.com/lb', 'lb', 'a_b.c']);
  });
});
