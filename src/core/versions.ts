/**
 * The Kubernetes versions the library writes for and judges by: one list, the default target,
 * and which rules and fields apply at a target. Plain data: no cdk8s.
 */
import type { KubernetesVersions } from './rule';

/**
 * Every Kubernetes minor the library knows, oldest first: what `kubernetesVersion` accepts (the
 * app's context `cdk8s-pods-services:kubernetesVersion`, `Platform.applyTo`'s option, the
 * validation plugin's property, `checkManifests`' option).
 */
export const KUBERNETES_VERSIONS = ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37'] as const;

/** A Kubernetes minor the library knows (see {@link KUBERNETES_VERSIONS}). */
export type KubernetesVersion = typeof KUBERNETES_VERSIONS[number];

/**
 * The target when none is set: the oldest minor upstream supported when this release was cut
 * (1.35, 1.36 and 1.37 on 2026-12-05). What is written for it is valid on every newer one.
 */
export const DEFAULT_KUBERNETES_VERSION: KubernetesVersion = '1.35';

/** The target of a judgment's options: `kubernetesVersion`, or the default. */
export function targetOf(options: unknown): KubernetesVersion {
  return (options as { readonly kubernetesVersion?: KubernetesVersion } | undefined)?.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
}

/** Whether `value` is a minor of {@link KUBERNETES_VERSIONS}. */
export function isKubernetesVersion(value: unknown): value is KubernetesVersion {
  return typeof value === 'string' && (KUBERNETES_VERSIONS as readonly string[]).includes(value);
}

/** The number of each known minor (`"1.33"` → 33): the rules compare minors at every pod spec. */
const MINORS: ReadonlyMap<string, number> = new Map(KUBERNETES_VERSIONS.map(v => [v, Number(v.slice(2))]));

/** The minor's number (`"1.33"` → 33); NaN for anything that is not `1.<minor>`. */
function minorOf(version: string): number {
  const known = MINORS.get(version);
  if (known !== undefined) return known;
  const m = /^1\.(\d+)$/.exec(version);
  return m ? Number(m[1]) : NaN;
}

/** Whether `target` is `version` or newer. */
export function atLeast(target: KubernetesVersion, version: KubernetesVersion): boolean {
  return minorOf(target) >= minorOf(version);
}

/**
 * Whether a rule of `versions` applies at `target`: from `from` (inclusive; every known minor
 * when absent) until `until` (exclusive; none when absent). The engine runs only those rules.
 */
export function appliesTo(versions: KubernetesVersions | undefined, target: KubernetesVersion): boolean {
  const t = minorOf(target);
  if (versions?.from !== undefined && !(t >= minorOf(versions.from))) return false;
  if (versions?.until !== undefined && !(t < minorOf(versions.until))) return false;
  return true;
}

/**
 * The first minor that has a field the user asked for, when the target lacks it; undefined when
 * the target has it. `since` is the minor where the field is on by default (GA, or beta on by
 * default), so an API server of that minor keeps it.
 */
export function missingAt(target: KubernetesVersion, since: KubernetesVersion): KubernetesVersion | undefined {
  return atLeast(target, since) ? undefined : since;
}

/**
 * Fields of 1.29–1.37 the library writes or judges, with the first minor whose API server keeps
 * them by default (the feature GA, or beta and on by default): below it the server drops the
 * field (a disabled feature gate) and the object does something else than it says.
 */
export const FIELD_SINCE = {
  /** An init container's `restartPolicy: Always` (a native sidecar): SidecarContainers, beta on in 1.29, GA 1.33. */
  nativeSidecar: '1.29',
  /** Job `spec.podReplacementPolicy`: JobPodReplacementPolicy, beta on in 1.29, GA 1.34. */
  podReplacementPolicy: '1.29',
  /** The `sleep` lifecycle hook: PodLifecycleSleepAction, beta on in 1.30, GA 1.34. */
  sleepHook: '1.30',
  /** `securityContext.appArmorProfile` (pod and container): AppArmorFields, beta on in 1.30, GA 1.31. */
  appArmorProfile: '1.30',
  /** Service `spec.trafficDistribution`: ServiceTrafficDistribution, beta on in 1.31, GA 1.33. */
  trafficDistribution: '1.31',
  /** Pod `spec.hostUsers: false` (user namespaces): UserNamespacesSupport, beta on in 1.33, GA 1.36. */
  hostUsers: '1.33',
  /** A container's `resizePolicy`: InPlacePodVerticalScaling, beta on in 1.33, GA 1.35. */
  resizePolicy: '1.33',
  /** An `image` volume (an OCI image's files, read-only): ImageVolume, beta on in 1.35, GA 1.36. */
  imageVolume: '1.35',
} as const satisfies { readonly [feature: string]: KubernetesVersion };

/**
 * The minor from which the library writes a log sidecar (and the sidecars a user declares as
 * such) as a native sidecar by default: 1.33, where sidecar containers are GA.
 */
export const NATIVE_SIDECAR_DEFAULT_FROM: KubernetesVersion = '1.33';

/**
 * The first minor whose API server accepts relaxed environment variable names (and envFrom
 * prefixes): any printable ASCII but "=" (RelaxedEnvironmentVariableValidation: alpha 1.30, beta
 * on by default 1.32, GA 1.34). Before it: letters, digits, "_", "-", ".", not a leading digit.
 */
export const RELAXED_ENV_NAMES_FROM: KubernetesVersion = '1.32';
