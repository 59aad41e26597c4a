/**
 * The Kubernetes API server's validation rules for names, labels and ports
 * (`k8s.io/apimachinery/pkg/util/validation` and `pkg/apis/core/validation`).
 *
 * Each rule returns `undefined` when the value is valid, else a description of what
 * is allowed, so callers can build one message format for all of them.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const HAS_LETTER = /[a-z]/;

/** A DNS-1123 label: Container names, Service port names, namespace names. */
export function dns1123Label(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value)) return undefined;
  return 'a DNS-1123 label: at most 63 characters, lowercase letters, digits and "-", starting and ending with a letter or digit';
}

/** A DNS-1123 subdomain: Pod names, ExternalName hosts. */
export function dns1123Subdomain(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 253 && DNS1123_SUBDOMAIN.test(value)) return undefined;
  return 'a DNS-1123 subdomain: at most 253 characters, lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit';
}

/** A DNS-1035 label: Service names (they become DNS names, so they must start with a letter). */
export function dns1035Label(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 63 && DNS1035_LABEL.test(value)) return undefined;
  return 'a DNS-1035 label: at most 63 characters, lowercase letters, digits and "-", starting with a letter and ending with a letter or digit';
}

/** A label key: an optional DNS-1123 subdomain prefix and `/`, then a name of at most 63 characters. */
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

/** A label value: empty, or at most 63 characters, alphanumeric at both ends with `-_.` inside. */
export function labelValue(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 63 && LABEL_VALUE.test(value)) return undefined;
  return 'a label value: at most 63 characters, alphanumeric at both ends with "-", "_" and "." inside (or empty)';
}

/** A TCP/UDP/SCTP port number. */
export function portNumber(value: unknown): string | undefined {
  if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535) return undefined;
  return 'an integer from 1 to 65535';
}

/** A container port name: an IANA service name. */
export function ianaServiceName(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 15 && IANA_SVC_NAME.test(value)
    && !value.includes('--') && HAS_LETTER.test(value)) return undefined;
  return 'an IANA service name: at most 15 characters, lowercase letters, digits and single "-" (not at either end), with at least one letter';
}

/** A non-empty string without surrounding whitespace (container images). */
export function imageReference(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0 && value.trim() === value && !/\s/.test(value)) return undefined;
  return 'a non-empty image reference without whitespace (e.g. "nginx" or "nginx:1.27")';
}

const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** An environment variable name, as Kubernetes 1.28 accepts it (`IsEnvVarName`). */
export function envVarName(value: unknown): string | undefined {
  if (typeof value === 'string' && ENV_VAR_NAME.test(value)) return undefined;
  return 'an environment variable name: letters, digits, "_", "-" and ".", not starting with a digit';
}

const QUANTITY = /^([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+))(?:([eE][-+]?[0-9]+)|(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?)$/;
const SUFFIXES: { readonly [suffix: string]: number } = {
  '': 1, 'n': 1e-9, 'u': 1e-6, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
  'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50, 'Ei': 2 ** 60,
};

/**
 * The value of a Kubernetes quantity (`250m` → 0.25, `64Mi` → 67108864), or undefined when
 * the string is not one (a number, then a decimal or binary suffix or an exponent).
 */
export function parseQuantity(value: unknown): number | undefined {
  const match = typeof value === 'string' ? QUANTITY.exec(value) : null;
  if (!match) return undefined;
  const number = Number(match[1] + (match[2] ?? ''));
  const factor = SUFFIXES[match[3] ?? ''];
  return Number.isFinite(number) ? number * factor : undefined;
}

/** A non-negative resource quantity (CPU `100m`, memory `64Mi`). */
export function quantity(value: unknown): string | undefined {
  const parsed = parseQuantity(value);
  if (parsed !== undefined && parsed >= 0) return undefined;
  return 'a non-negative Kubernetes quantity: a number with an optional suffix (CPU "100m" or "0.5", memory "64Mi" or "1Gi")';
}

/** A volume's mount path: required (the kubelet reads a relative one from `/`). */
export function mountPath(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return undefined;
  return 'a path inside the container, e.g. "/var/log/app"';
}
