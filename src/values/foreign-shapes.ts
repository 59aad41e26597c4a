/**
 * What the library reads of cdk8s-plus objects, as structural types: cdk8s-plus is an optional
 * peer (none, cdk8s-plus-28, or any newer one), so nothing here imports it, and an object of any
 * of its versions fits.
 */
import type { IConstruct } from 'constructs';
import type * as k8s from '../imports/k8s';

/** A cdk8s-plus resource (`IResource` of every cdk8s-plus version): a construct with a name and a resource type. */
export interface IPlusResource extends IConstruct {
  /** The Kubernetes name of this resource. */
  readonly name: string;
  /** The object's API version (e.g. `v1`). */
  readonly apiVersion: string;
  /** The object's kind (e.g. `ConfigMap`). */
  readonly kind: string;
  /** The resource type, plural and lower case (`configmaps`, `secrets`). */
  readonly resourceType: string;
}

/** A cdk8s-plus ConfigMap (`kplus.IConfigMap` of any version): written by the app, or imported by name. */
export type IPlusConfigMap = IPlusResource;

/** A cdk8s-plus Secret (`kplus.ISecret` of any version): written by the app, or imported by name. */
export type IPlusSecret = IPlusResource;

/**
 * cdk8s-plus's `LabelSelector`, of whichever version the app uses. It is a class with private
 * members, so no structural type is assignable to it; it is read only through {@link selectorToKube}.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PlusLabelSelector = any;

/** Which namespaces a selector covers (`kplus.NamespaceSelectorConfig`). */
export interface PlusNamespaceSelectorConfig {
  /** Namespaces selected by label. */
  readonly labelSelector?: PlusLabelSelector;
  /** Namespaces selected by name. */
  readonly names?: string[];
}

/** What selects pods (`kplus.PodSelectorConfig`). */
export interface PlusPodSelectorConfig {
  /** The pods' labels. */
  readonly labelSelector: PlusLabelSelector;
  /** The namespaces of the pods. */
  readonly namespaces?: PlusNamespaceSelectorConfig;
}

/** An object that selects pods (`kplus.IPodSelector`). */
export interface IPlusPodSelector extends IConstruct {
  /** The selector's configuration. */
  toPodSelectorConfig(): PlusPodSelectorConfig;
}

/** A network policy peer's configuration (`kplus.NetworkPolicyPeerConfig`). */
export interface PlusNetworkPolicyPeerConfig {
  /** The IP block of this peer. */
  readonly ipBlock?: { readonly cidr: string; readonly except?: string[] };
  /** The pods of this peer. */
  readonly podSelector?: PlusPodSelectorConfig;
}

/**
 * A pod selector's network policy peer configuration: pods, no IP block (so that it also fits
 * cdk8s-plus's own `NetworkPolicyPeerConfig`, whose `ipBlock` is a class).
 */
export interface PlusPodPeerConfig extends PlusNetworkPolicyPeerConfig {
  /** None: the peer is pods. */
  readonly ipBlock?: undefined;
  /** The pods of this peer. */
  readonly podSelector: PlusPodSelectorConfig;
}

/** A network policy peer (`kplus.INetworkPolicyPeer` of any version): an AppPod, `kplus.Pods.select()`, `kplus.NetworkPolicyIpBlock`. */
export interface IPlusNetworkPolicyPeer extends IConstruct {
  /** The peer's configuration. */
  toNetworkPolicyPeerConfig(): PlusNetworkPolicyPeerConfig;
  /** The peer as a pod selector, when it is one. */
  toPodSelector(): IPlusPodSelector | undefined;
}

/**
 * A cdk8s-plus label selector as the API spells it (its `_toKube` is internal to cdk8s-plus).
 * @internal
 */
export function selectorToKube(selector: unknown): k8s.LabelSelector | undefined {
  return (selector as OwnLabelSelector | undefined)?._toKube();
}

/**
 * What the library reads of cdk8s-plus's `LabelSelector`, and what it makes of one.
 * @internal
 */
export interface OwnLabelSelector {
  /** Whether it selects everything. */
  isEmpty(): boolean;
  /** As the API spells it. */
  _toKube(): k8s.LabelSelector;
}

/**
 * A label selector as cdk8s-plus reads one (`isEmpty()`, `_toKube()`, what its
 * `LabelSelector.of({ labels })` holds), made without loading cdk8s-plus, so an AppPod is a pod
 * selector and a network policy peer of whichever cdk8s-plus the app uses, or of none.
 * @internal
 */
export function podLabelSelector(labels: { readonly [key: string]: string }): OwnLabelSelector {
  const matchLabels = { ...labels };
  const selector = {
    expressions: [] as const,
    labels: matchLabels,
    isEmpty: () => Object.keys(matchLabels).length === 0,
    _toKube: (): k8s.LabelSelector => (Object.keys(matchLabels).length === 0 ? {} : { matchLabels: { ...matchLabels } }),
  };
  return selector;
}
