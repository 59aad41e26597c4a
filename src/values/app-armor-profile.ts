import type * as k8s from '../imports/k8s';
import { ProblemCollector } from '../core/problems';
import { brand, hasBrand } from '../core/util';

/**
 * The AppArmor profile a pod's containers (`podSecurity.appArmorProfile`) or one container
 * (`appArmorProfile` of its props) run under: `securityContext.appArmorProfile`, a field from
 * Kubernetes 1.30 (the target's API server drops it before; rule `field-version`). A container's
 * own profile wins over the pod's. The Pod Security Standards (baseline, and so restricted)
 * allow `RUNTIME_DEFAULT` and `localhost(...)`, not `UNCONFINED`.
 * @see https://kubernetes.io/docs/tutorials/security/apparmor/
 */
export class AppArmorProfile {
  /** The container runtime's default profile (what a node with AppArmor applies when none is set). */
  public static readonly RUNTIME_DEFAULT = new AppArmorProfile('RuntimeDefault');
  /** No AppArmor confinement: refused by the Pod Security Standards' baseline and restricted levels. */
  public static readonly UNCONFINED = new AppArmorProfile('Unconfined');

  /**
   * A profile loaded on the node under `profile` (the name it was loaded with, e.g.
   * `k8s-apparmor-example-deny-write`): the node must have it, else the container does not start.
   * @param profile the profile's name on the node: not empty, no leading or trailing space, at most 4095 characters (judged at synth, rule `app-armor-profile`)
   */
  public static localhost(profile: string): AppArmorProfile {
    const problems = new ProblemCollector('AppArmorProfile.localhost()');
    if (typeof profile !== 'string') problems.add('props', 'profile', profile, 'a string: the name of a profile loaded on the node');
    problems.throwIfAny();
    return new AppArmorProfile('Localhost', profile);
  }

  /** Whether `x` is an AppArmorProfile of any copy of this package. */
  public static isAppArmorProfile(x: unknown): x is AppArmorProfile {
    return hasBrand(x, 'AppArmorProfile');
  }

  private constructor(
    /** The profile's type: `RuntimeDefault`, `Unconfined` or `Localhost`. */
    public readonly type: 'RuntimeDefault' | 'Unconfined' | 'Localhost',
    /** The node's profile name, for `Localhost`. */
    public readonly localhostProfile?: string,
  ) {
    brand(this, 'AppArmorProfile');
  }

  /**
   * The profile as the Kubernetes API spells it.
   * @internal
   */
  public _toKube(): k8s.AppArmorProfile {
    return this.localhostProfile === undefined ? { type: this.type } : { type: this.type, localhostProfile: this.localhostProfile };
  }
}
