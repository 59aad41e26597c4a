import { k8s } from 'cdk8s-plus-28';
import { ValidationError } from './errors';
import { definedOnly } from './util';

/** The user a restricted profile runs as when neither the profile nor a preset names one. */
export const DEFAULT_NON_ROOT_USER = 1000;

/** The SELinux types the Pod Security Standards allow (baseline level). */
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

/** The highest user or group id Kubernetes accepts (an int32). */
const MAX_ID = 2147483647;

/** Options of {@link SecurityProfile.restricted}. */
export interface RestrictedProfileOptions {
  /**
   * The numeric, non-root user every container runs as (`runAsUser`; must not be 0).
   * @default - the preset's user (`NginxPod`: 101, the `nginx-unprivileged` image's user;
   * `FlaskPod`: 1000), else 1000
   */
  readonly runAsUser?: number;
  /**
   * The numeric group every container runs as (`runAsGroup`).
   * @default - the same number as the user
   */
  readonly runAsGroup?: number;
  /**
   * Mount every container's root filesystem read-only. The presets mount an `emptyDir`
   * where their image must write (`NginxPod`: `/tmp`).
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
}

/**
 * How locked down a pod construct's containers run: the `securityProfile` prop of
 * {@link AppPod}, {@link NginxPod} and {@link FlaskPod}.
 *
 * - {@link SecurityProfile.NONE} (the default): no security context; each image runs as it
 *   was built. The stock `nginx` and the tutorial's Flask image run as root and need it.
 * - {@link SecurityProfile.RESTRICTED}: meets the Pod Security Standards "restricted" level:
 *   `runAsNonRoot` with a numeric non-root `runAsUser`, seccomp `RuntimeDefault` (on the Pod),
 *   and on every container and init container `allowPrivilegeEscalation: false`, capabilities
 *   drop `ALL` and a read-only root filesystem. A container's own `securityContext` is merged
 *   over it, and anything that breaks the level fails at synth.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class SecurityProfile {
  /** No security context: each image runs as it was built. */
  public static readonly NONE = new SecurityProfile(false, {});
  /** The Pod Security Standards "restricted" level, with the preset's (or the default) user. */
  public static readonly RESTRICTED = new SecurityProfile(true, {});

  /** The "restricted" level, with a user, group or root filesystem of your choice. */
  public static restricted(options: RestrictedProfileOptions = {}): SecurityProfile {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new ValidationError([{ path: 'SecurityProfile.restricted()', field: 'options', value: options, allowed: 'an object { runAsUser?, runAsGroup?, readOnlyRootFilesystem? }' }]);
    }
    return new SecurityProfile(true, { ...options });
  }

  private constructor(
    /** Whether this is the "restricted" level. */
    public readonly isRestricted: boolean,
    private readonly options: RestrictedProfileOptions,
  ) {}

  /** The user containers run as under this profile, when it names one. */
  public get runAsUser(): number | undefined {
    return this.options.runAsUser;
  }

  /**
   * What in the profile's own options the API server or the "restricted" level would refuse,
   * as `[field, value, allowed]`.
   * @internal
   */
  public _optionProblems(): Array<[string, unknown, string]> {
    const found: Array<[string, unknown, string]> = [];
    const { runAsUser, runAsGroup, readOnlyRootFilesystem } = this.options;
    if (runAsUser !== undefined && !(Number.isInteger(runAsUser) && runAsUser > 0 && runAsUser <= MAX_ID)) {
      found.push(['runAsUser', runAsUser, `a numeric non-root user: an integer from 1 to ${MAX_ID}`]);
    }
    if (runAsGroup !== undefined && !(Number.isInteger(runAsGroup) && runAsGroup >= 0 && runAsGroup <= MAX_ID)) {
      found.push(['runAsGroup', runAsGroup, `a numeric group: an integer from 0 to ${MAX_ID}`]);
    }
    if (readOnlyRootFilesystem !== undefined && typeof readOnlyRootFilesystem !== 'boolean') {
      found.push(['readOnlyRootFilesystem', readOnlyRootFilesystem, 'true or false']);
    }
    return found;
  }

  /**
   * This profile, with `user` and `group` when it names none (how a preset gives its image's user).
   * @internal
   */
  public _withDefaultUser(user: number, group: number = user): SecurityProfile {
    if (!this.isRestricted) return this;
    return new SecurityProfile(true, {
      ...this.options,
      runAsUser: this.options.runAsUser ?? user,
      runAsGroup: this.options.runAsGroup ?? (this.options.runAsUser === undefined ? group : undefined),
    });
  }

  /** @internal */
  public _podSecurityContext(): k8s.PodSecurityContext | undefined {
    if (!this.isRestricted) return undefined;
    const runAsUser = this.options.runAsUser ?? DEFAULT_NON_ROOT_USER;
    return {
      runAsNonRoot: true,
      runAsUser,
      runAsGroup: this.options.runAsGroup ?? runAsUser,
      seccompProfile: { type: 'RuntimeDefault' },
    };
  }

  /**
   * The container's security context: the profile's, with the container's own merged over it.
   * @internal
   */
  public _containerSecurityContext(own: k8s.SecurityContext | undefined): k8s.SecurityContext | undefined {
    if (!this.isRestricted) return own;
    return {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: this.options.readOnlyRootFilesystem ?? true,
      runAsNonRoot: true,
      // A field set to undefined keeps the profile's value.
      ...definedOnly(own ?? {}),
    };
  }

  /**
   * What in a rendered container breaks the "restricted" level, as `[field, value, allowed]`.
   * @internal
   */
  public _violations(sc: k8s.SecurityContext | undefined): Array<[string, unknown, string]> {
    if (!this.isRestricted || sc === undefined) return [];
    const found: Array<[string, unknown, string]> = [];
    if (sc.allowPrivilegeEscalation !== false) found.push(['allowPrivilegeEscalation', sc.allowPrivilegeEscalation, 'false under the restricted profile']);
    if (sc.privileged === true) found.push(['privileged', true, 'false or unset under the restricted profile']);
    if (sc.runAsNonRoot === false) found.push(['runAsNonRoot', false, 'true or unset under the restricted profile']);
    if (sc.runAsUser === 0) found.push(['runAsUser', 0, 'a non-root user (not 0) under the restricted profile']);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) found.push(['capabilities.drop', sc.capabilities?.drop, '["ALL"] under the restricted profile']);
    const added = (sc.capabilities?.add ?? []).filter(c => c !== 'NET_BIND_SERVICE');
    if (added.length > 0) found.push(['capabilities.add', added, 'only NET_BIND_SERVICE under the restricted profile']);
    // The baseline level, which "restricted" includes.
    if (sc.procMount !== undefined && sc.procMount !== 'Default') found.push(['procMount', sc.procMount, 'Default or unset under the restricted profile']);
    if (sc.windowsOptions?.hostProcess === true) found.push(['windowsOptions.hostProcess', true, 'false or unset under the restricted profile']);
    const se = sc.seLinuxOptions;
    if (se?.type !== undefined && !SELINUX_TYPES.includes(se.type)) {
      found.push(['seLinuxOptions.type', se.type, `one of ${SELINUX_TYPES.map(t => JSON.stringify(t)).join(', ')} (or unset) under the restricted profile`]);
    }
    if (se?.user !== undefined) found.push(['seLinuxOptions.user', se.user, 'unset under the restricted profile']);
    if (se?.role !== undefined) found.push(['seLinuxOptions.role', se.role, 'unset under the restricted profile']);
    const seccomp = sc.seccompProfile?.type;
    if (seccomp !== undefined && seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
      found.push(['seccompProfile.type', seccomp, 'RuntimeDefault or Localhost under the restricted profile']);
    }
    return found;
  }
}
