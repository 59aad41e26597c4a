/**
 * The syntax rules of the Kubernetes API server for names, labels, ports, quantities and the
 * like (`k8s.io/apimachinery/pkg/util/validation`, `pkg/apis/core/validation`), and the image
 * reference grammar of the container runtimes (`github.com/distribution/reference`).
 *
 * Each function returns `undefined` when the value is valid, else what is allowed, as a
 * sentence fragment, so that every caller builds the one message format from it.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const HAS_LETTER = /[a-z]/;

/** The largest value of an int32 field (replicas, user ids, ports in general). */
export const MAX_INT32 = 2147483647;

/** The most the keys and values of an object's annotations may hold together: 256 KiB. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** A DNS-1123 label: namespaces, container and volume names, Service port names. */
export function dns1123Label(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value)) return undefined;
  return 'a DNS-1123 label: at most 63 characters, lowercase letters, digits and "-", starting and ending with a letter or digit';
}

/** A DNS-1123 subdomain: the names of most objects (Pods, Deployments, ConfigMaps, …). */
export function dns1123Subdomain(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 253 && DNS1123_SUBDOMAIN.test(value)) return undefined;
  return 'a DNS-1123 subdomain: at most 253 characters, lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit';
}

/** A DNS-1035 label: Service names (they become DNS names, so they start with a letter). */
export function dns1035Label(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 63 && DNS1035_LABEL.test(value)) return undefined;
  return 'a DNS-1035 label: at most 63 characters, lowercase letters, digits and "-", starting with a letter and ending with a letter or digit';
}

/**
 * The host of an ExternalName Service: a DNS-1123 subdomain, with one trailing dot allowed
 * (the API server strips it before it validates).
 */
export function externalName(value: unknown): string | undefined {
  const host = typeof value === 'string' && value.endsWith('.') ? value.slice(0, -1) : value;
  if (dns1123Subdomain(host) === undefined) return undefined;
  return 'a host name: a DNS-1123 subdomain (at most 253 characters, lowercase letters, digits, "-" and "."), optionally with a trailing "."';
}

/** A label key (also an annotation key): an optional DNS-1123 subdomain prefix and `/`, then a name of at most 63 characters. */
export function labelKey(value: unknown): string | undefined {
  const allowed = 'a label key: an optional DNS subdomain prefix (at most 253 characters) and "/", then a name of at most 63 characters, alphanumeric at both ends with "-", "_" and "." inside';
  if (typeof value !== 'string') return allowed;
  const slash = value.indexOf('/');
  const prefix = slash >= 0 ? value.slice(0, slash) : undefined;
  const name = slash >= 0 ? value.slice(slash + 1) : value;
  if (prefix !== undefined && dns1123Subdomain(prefix) !== undefined) return allowed;
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) return allowed;
  return undefined;
}

/** An annotation key: a label key, compared in lower case (the API server lowercases it first). */
export function annotationKey(value: unknown): string | undefined {
  if (typeof value === 'string' && labelKey(value.toLowerCase()) === undefined) return undefined;
  return 'an annotation key: an optional DNS subdomain prefix and "/", then a name of at most 63 characters, alphanumeric at both ends with "-", "_" and "." inside';
}

/** A label value: empty, or at most 63 characters, alphanumeric at both ends with `-_.` inside. */
export function labelValue(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 63 && LABEL_VALUE.test(value)) return undefined;
  return 'a label value: a string of at most 63 characters, alphanumeric at both ends with "-", "_" and "." inside (or empty)';
}

/**
 * The keys and values of annotations, together, within 256 KiB (`ValidateAnnotationsSize`),
 * counted as the API server counts them: in bytes of UTF-8, not in characters.
 */
export function annotationsSize(total: number): string | undefined {
  if (total <= MAX_ANNOTATIONS_BYTES) return undefined;
  return `annotations of at most ${MAX_ANNOTATIONS_BYTES} bytes (256 KiB) in all, keys and values together in UTF-8: these have ${total}`;
}

/** The bytes of annotations' keys and values together, in UTF-8, as the API server counts them. */
export function annotationsBytes(annotations: { readonly [key: string]: unknown }): number {
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) total += utf8Length(k) + (typeof v === 'string' ? utf8Length(v) : 0);
  return total;
}

/** The length of a string in bytes of UTF-8 (a lone surrogate is written as U+FFFD, 3 bytes). */
function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair: one code point above U+FFFF
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A TCP/UDP/SCTP port number. */
export function portNumber(value: unknown): string | undefined {
  if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535) return undefined;
  return 'an integer from 1 to 65535';
}

/**
 * A port a probe, a hook or a Service's targetPort reaches: a number, or an IANA service name
 * (the name of a container port).
 */
export function portNumberOrName(value: unknown): string | undefined {
  const problem = typeof value === 'string' ? ianaServiceName(value) : portNumber(value);
  return problem === undefined ? undefined : `a port number (1–65535) or a container port's name: ${problem}`;
}

/** A nodePort inside the cluster's `--service-node-port-range`, `[lowest, highest]`. */
export function nodePort(value: unknown, range: readonly [number, number]): string | undefined {
  const [lo, hi] = range;
  if (Number.isInteger(value) && (value as number) >= lo && (value as number) <= hi) return undefined;
  return `an integer from ${lo} to ${hi} (the cluster's --service-node-port-range)`;
}

/** The fix of a nodePort outside the range, with how to widen the range where the check runs. */
export function nodePortFix(knob: string | undefined): string {
  return `pick a port in the range, or leave nodePort out and let the cluster pick one${knob ? `, or if your cluster's --service-node-port-range is another, ${knob}` : ''}`;
}

/** A container port name (and a named `targetPort`): an IANA service name. */
export function ianaServiceName(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 15 && IANA_SVC_NAME.test(value)
    && !value.includes('--') && HAS_LETTER.test(value)) return undefined;
  return 'an IANA service name: at most 15 characters, lowercase letters, digits and single "-" (not at either end), with at least one letter';
}

/** An integer from `min` to `max` (by default an int32 of 0 or more: replicas, counts, seconds). */
export function integer(value: unknown, min = 0, max = MAX_INT32): string | undefined {
  if (Number.isInteger(value) && (value as number) >= min && (value as number) <= max) return undefined;
  return `an integer from ${min} to ${max}`;
}

/** An image the API server accepts: not empty, no leading or trailing whitespace. */
export function image(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0 && value.trim() === value) return undefined;
  return 'an image: a non-empty string without leading or trailing whitespace (e.g. "nginx" or "nginx:1.27")';
}

// The reference grammar of github.com/distribution/reference, which every container runtime
// uses to pull: `[domain[:port]/]path[:tag][@digest]`, the path in lower case.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::${TAG})?(?:@${DIGEST})?$`);

/**
 * An image reference a container runtime can pull: `[registry[:port]/]repository[:tag][@digest]`,
 * the repository in lower case (`NGINX:Latest` is refused at pull time, not by the API server).
 */
export function imageReference(value: unknown): string | undefined {
  if (typeof value === 'string') {
    // (A first component in upper case can only be a registry: "Example/app" is valid.)
    const match = REFERENCE.exec(value);
    if (match && match[1].length <= 255) return undefined;
  }
  return 'an image reference: [registry[:port]/]repository[:tag][@digest], the repository in lower case (e.g. "nginx:1.27", "ghcr.io/org/app@sha256:…")';
}

/**
 * How to fix an image reference a runtime cannot pull, when the usual mistake (upper case in the
 * repository) is the mistake: the reference in lower case; else undefined.
 */
export function imageReferenceFix(value: string): string | undefined {
  const lower = value.replace(/^[^@]*?(?=(:[^/@]*)?(@|$))/, repo => repo.toLowerCase());
  return lower !== value && imageReference(lower) === undefined ? `write the repository in lower case, as the registry does: ${JSON.stringify(lower)}` : undefined;
}

const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** Printable ASCII (the space included) but "=": apimachinery's IsRelaxedEnvVarName. */
const RELAXED_ENV_VAR_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;

/**
 * An environment variable name (or an envFrom prefix) as the API server accepts it. Strict
 * (`relaxed` false; Kubernetes before 1.32, apimachinery's IsEnvVarName): letters, digits, "_",
 * "-" and ".", not starting with a digit, not "." or "..", not starting with "..". Relaxed (from
 * 1.32, RelaxedEnvironmentVariableValidation beta on by default, GA 1.34; IsRelaxedEnvVarName):
 * any printable ASCII character but "=", at least one.
 */
export function envVarName(value: unknown, relaxed = false): string | undefined {
  if (relaxed) {
    if (typeof value === 'string' && RELAXED_ENV_VAR_NAME.test(value)) return undefined;
    return 'an environment variable name: printable ASCII characters (the space included) other than "="';
  }
  if (typeof value === 'string' && ENV_VAR_NAME.test(value) && value !== '.' && !value.startsWith('..')) return undefined;
  return 'an environment variable name: letters, digits, "_", "-" and ".", not starting with a digit or "..", not "."';
}

/** The white space Go's strings.TrimSpace removes at either end (unicode.IsSpace). */
const GO_SPACE_AROUND = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
const QUANTITY = /^([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+))(?:([eE][-+]?[0-9]+)|(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?)$/;
const SUFFIXES: { readonly [suffix: string]: number } = {
  '': 1, 'n': 1e-9, 'u': 1e-6, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
  'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50, 'Ei': 2 ** 60,
};

/**
 * A quantity as the API server reads it: without the white space around it (resource.Quantity's
 * UnmarshalJSON decodes after Go's strings.TrimSpace).
 */
export function quantityText(value: string): string {
  return value.replace(GO_SPACE_AROUND, '');
}

/**
 * The value of a Kubernetes quantity (`250m` → 0.25, `64Mi` → 67108864; a number is itself),
 * or undefined when it is not one (a number, then a decimal or binary suffix or an exponent).
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const match = typeof value === 'string' ? QUANTITY.exec(quantityText(value)) : null;
  if (!match) return undefined;
  const number = Number(match[1] + (match[2] ?? ''));
  const factor = SUFFIXES[match[3] ?? ''];
  return Number.isFinite(number) ? number * factor : undefined;
}

/** A non-negative resource quantity (CPU `100m`, memory `64Mi`). */
export function quantity(value: unknown): string | undefined {
  const parsed = parseQuantity(value);
  if (parsed !== undefined && parsed >= 0) return undefined;
  return QUANTITY_ALLOWED;
}

/** What a request or limit may be. */
export const QUANTITY_ALLOWED = 'a non-negative Kubernetes quantity: a number with an optional suffix (CPU "100m" or "0.5", memory "64Mi" or "1Gi")';

/** A volume's mount path: required (the API server accepts any other string). */
export function mountPath(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return undefined;
  return 'a path inside the container, e.g. "/var/log/app"';
}

/** A relative path without `..` (`subPath`, the keys of ConfigMap items). */
export function relativePath(value: unknown): string | undefined {
  if (typeof value === 'string' && !value.startsWith('/') && !value.split('/').includes('..')) return undefined;
  return 'a relative path without ".."';
}

const PERCENT = /^[0-9]+%$/;

/**
 * An int-or-string of the apps and policy APIs (`maxSurge`, `minAvailable`, …): an integer of 0
 * or more, or a percentage `"<digits>%"`; with `max100`, a percentage of at most 100%.
 */
export function intOrPercent(value: unknown, max100 = false): string | undefined {
  if (typeof value === 'number') return integer(value) === undefined ? undefined : allowedIntOrPercent(max100);
  if (typeof value === 'string' && PERCENT.test(value) && (!max100 || Number(value.slice(0, -1)) <= 100)) return undefined;
  return allowedIntOrPercent(max100);
}

function allowedIntOrPercent(max100: boolean): string {
  return `an integer of 0 or more, or a percentage like "25%"${max100 ? ' of at most 100%' : ''}`;
}

/**
 * The number or the percentage of a valid int-or-percent (`"25%"` → 25), as the API server
 * reads it to tell zero from non-zero; undefined for anything else.
 */
export function intOrPercentValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  return typeof value === 'string' && PERCENT.test(value) ? Number(value.slice(0, -1)) : undefined;
}

/**
 * A name that is one segment of a URL path: not empty, not `.` or `..`, no `/` or `%` (the only
 * rule for a PodDisruptionBudget's name, and a scale target's kind and name).
 */
export function pathSegmentName(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '' && value !== '.' && value !== '..' && !/[/%]/.test(value)) return undefined;
  return 'a name that is one URL path segment: not empty, not "." or "..", without "/" or "%"';
}

const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;

/** A sysctl name (`net.ipv4.tcp_keepalive_time`, `/` allowed as the separator): at most 253 characters. */
export function sysctlName(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 253 && SYSCTL_NAME.test(value)) return undefined;
  return 'a sysctl name: at most 253 characters, lowercase letters, digits, "-" and "_" in parts separated by "." or "/", each part alphanumeric at both ends';
}

const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;

/** An HTTP header name (a probe's or a hook's `httpHeaders`). */
export function httpHeaderName(value: unknown): string | undefined {
  if (typeof value === 'string' && HTTP_HEADER_NAME.test(value)) return undefined;
  return 'an HTTP header name: letters, digits and "-"';
}

/**
 * The bytes of an IP address as Kubernetes 1.28 parses it (`netutils.ParseIPSloppy`: IPv4 octets
 * may have leading zeros, no IPv6 zone), or undefined. IPv4 gives 4 bytes, IPv6 16.
 */
export function parseIp(value: unknown): number[] | undefined {
  if (typeof value !== 'string') return undefined;
  return value.includes(':') ? parseIpv6(value) : parseIpv4(value);
}

function parseIpv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every(p => /^[0-9]{1,8}$/.test(p))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every(b => b <= 255) ? bytes : undefined;
}

function parseIpv6(s: string): number[] | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return undefined;
  let tail: number[] = [];
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    // An embedded IPv4 address takes the last 32 bits.
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = v4;
    text = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if (![...head, ...rest].every(g => /^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const words = [...head, ...Array<string>(missing).fill('0'), ...rest].map(g => parseInt(g, 16));
  const bytes = words.flatMap(w => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** Whether parsed bytes are an IPv6 address that is not IPv4-mapped (`netutils.IsIPv6`). */
export function isIpv6(ip: readonly number[]): boolean {
  return ip.length === 16 && !(ip.slice(0, 10).every(b => b === 0) && ip[10] === 0xff && ip[11] === 0xff);
}

/** An IP address (IPv4 or IPv6), as the API server parses it. */
export function ipAddress(value: unknown): string | undefined {
  if (parseIp(value) !== undefined) return undefined;
  return 'a valid IP address, IPv4 ("192.0.2.10") or IPv6 ("2001:db8::10")';
}

/**
 * An IP address a Service may take traffic on (`ValidateNonSpecialIP`): not unspecified, not
 * loopback, not link-local unicast or link-local multicast.
 */
export function nonSpecialIp(value: unknown): string | undefined {
  const ip = parseIp(value);
  if (ip === undefined) return ipAddress(value);
  const v4 = ip.length === 4 ? ip
    : ip.slice(0, 10).every(b => b === 0) && ip[10] === 0xff && ip[11] === 0xff ? ip.slice(12) : undefined;
  const special = v4 !== undefined
    ? v4.every(b => b === 0) || v4[0] === 127 || (v4[0] === 169 && v4[1] === 254) || (v4[0] === 224 && v4[1] === 0 && v4[2] === 0)
    : ip.every(b => b === 0) || (ip.slice(0, 15).every(b => b === 0) && ip[15] === 1)
      || (ip[0] === 0xfe && (ip[1] & 0xc0) === 0x80) || (ip[0] === 0xff && (ip[1] & 0x0f) === 0x02);
  if (!special) return undefined;
  return 'an IP address that is not unspecified (0.0.0.0, ::), loopback (127.0.0.0/8, ::1), link-local (169.254.0.0/16, fe80::/10) or link-local multicast (224.0.0.0/24, ff02::/10)';
}

/** A CIDR (`10.0.0.0/8`, `2001:db8::/32`), as the API server parses it (surrounding spaces allowed). */
export function cidr(value: unknown): string | undefined {
  if (parseCidr(value) !== undefined) return undefined;
  return 'an IP range in CIDR notation, e.g. "10.240.0.0/24" or "2001:db8::/32" (an address, "/" and a prefix length)';
}

/**
 * A qualified name (`ValidateQualifiedName`): an optional DNS-1123 subdomain prefix and `/`,
 * then a name of at most 63 characters, alphanumeric at both ends with `-`, `_`, `.` inside.
 */
export function qualifiedName(value: unknown): string | undefined {
  if (labelKey(value) === undefined) return undefined;
  return 'a qualified name: an optional DNS subdomain prefix and "/", then a name of at most 63 characters, alphanumeric at both ends with "-", "_" and "." inside (e.g. "example.com/internal-vip")';
}

/**
 * An Ingress host (`host` of a rule, `tls[].hosts`): a DNS-1123 subdomain, or one with a leading
 * `*.` wildcard label (`*.example.com`), and not an IP address.
 */
export function ingressHost(value: unknown): string | undefined {
  const allowed = 'a DNS name (a DNS-1123 subdomain: lowercase letters, digits, "-" and "."), optionally with a leading "*." wildcard (e.g. "*.example.com"), not an IP address';
  if (typeof value !== 'string' || parseIp(value) !== undefined) return allowed;
  const name = value.startsWith('*.') ? value.slice(2) : value;
  if (value.length > 253 || dns1123Subdomain(name) !== undefined) return allowed;
  return undefined;
}

const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/**
 * An Ingress path for its path type: absolute (starting with "/"), and for Exact and Prefix
 * without "//", "/./", "/../", "%2f" and not ending in "/." or "/.."; an ImplementationSpecific
 * path may also be empty.
 */
export function ingressPath(value: unknown, pathType: string): string | undefined {
  const allowed = pathType === 'ImplementationSpecific' ? 'an absolute path starting with "/" (or none)'
    : 'an absolute path starting with "/", without "//", "/./", "/../" or "%2f", not ending in "/." or "/.."';
  if (typeof value !== 'string') return allowed;
  if (pathType === 'ImplementationSpecific') return value === '' || value.startsWith('/') ? undefined : allowed;
  if (!value.startsWith('/') || INVALID_PATH_SEQUENCES.some(s => value.includes(s)) || INVALID_PATH_SUFFIXES.some(s => value.endsWith(s))) return allowed;
  return undefined;
}

/** A CIDR's network address (the address masked to its prefix) and prefix length, or undefined. */
export function parseCidr(value: unknown): { readonly bytes: number[]; readonly prefix: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const [address, prefixText, ...more] = value.trim().split('/');
  const ip = parseIp(address);
  if (more.length > 0 || ip === undefined || prefixText === undefined || !/^[0-9]{1,8}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > ip.length * 8) return undefined;
  return { bytes: ip.map((b, i) => b & prefixMask(prefix, i)), prefix };
}

/** The bits of byte `i` of an address that a prefix of `prefix` bits covers. */
function prefixMask(prefix: number, i: number): number {
  const bits = Math.max(0, Math.min(8, prefix - i * 8));
  return (0xff << (8 - bits)) & 0xff;
}

/** Whether a CIDR holds an address (same family, the first `prefix` bits equal). */
export function cidrContains(net: { readonly bytes: readonly number[]; readonly prefix: number }, ip: readonly number[]): boolean {
  if (ip.length !== net.bytes.length) return false;
  return ip.every((b, i) => (b & prefixMask(net.prefix, i)) === net.bytes[i]);
}

/** Whether an IPv4 address (or the IPv4 tail of an IPv6 one) is written with a leading 0 in an octet. */
function leadingZeros(address: string): boolean {
  const v4 = address.slice(address.lastIndexOf(':') + 1);
  return v4.includes('.') && v4.split('.').some(o => /^0[0-9]/.test(o));
}

/** Whether a parsed IPv6 address is an IPv4-mapped one (`::ffff:1.2.3.4`). */
function ipv4Mapped(bytes: readonly number[]): boolean {
  return bytes.length === 16 && bytes.slice(0, 10).every(b => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/**
 * An IP address as Kubernetes 1.36's strict parsing takes it (StrictIPCIDRValidation, on by
 * default from 1.36): no leading 0 in an IPv4 octet, no IPv4-mapped IPv6 address. Undefined for
 * a value the lenient parsing refuses too (other checks report it).
 * @see k8s.io/apimachinery/pkg/util/validation/ip.go parseIP
 */
export function strictIp(value: unknown): string | undefined {
  const ip = parseIp(value);
  if (ip === undefined || typeof value !== 'string') return undefined;
  if (leadingZeros(value)) return 'an IP address without leading 0s in its octets (strict parsing, Kubernetes 1.36 and later)';
  if (ipv4Mapped(ip)) return 'an IP address that is not an IPv4-mapped IPv6 address (write the IPv4 address; strict parsing, Kubernetes 1.36 and later)';
  return undefined;
}

/**
 * A CIDR as Kubernetes 1.36's strict parsing takes it: no leading 0s in the address or the prefix
 * length, no IPv4-mapped IPv6 address, no bits set beyond the prefix length. Undefined for a value
 * the lenient parsing refuses too.
 * @see k8s.io/apimachinery/pkg/util/validation/ip.go parseCIDR
 */
export function strictCidr(value: unknown): string | undefined {
  if (typeof value !== 'string' || parseCidr(value) === undefined) return undefined;
  const [address, prefixText] = value.trim().split('/');
  const ip = parseIp(address)!;
  if (leadingZeros(address) || /^0[0-9]/.test(prefixText)) return 'a CIDR without leading 0s in the address or the prefix length (strict parsing, Kubernetes 1.36 and later)';
  if (ipv4Mapped(ip)) return 'a CIDR whose address is not an IPv4-mapped IPv6 address (strict parsing, Kubernetes 1.36 and later)';
  const prefix = Number(prefixText);
  if (ip.some((b, i) => (b & prefixMask(prefix, i)) !== b)) {
    return 'a CIDR with no bits set beyond the prefix length, e.g. "10.0.0.0/24" rather than "10.0.0.5/24" (strict parsing, Kubernetes 1.36 and later)';
  }
  return undefined;
}
