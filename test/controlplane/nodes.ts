/**
 * The nodes of a test cluster: the size of the user's laptop cluster, as kwok Nodes. A node's
 * allocatable is what the kubelet would give pods less what the local cluster's own system pods
 * request (they do not run on kwok nodes, so their requests are taken off the node instead).
 */

/** One node's size, and how many such nodes. */
export interface NodeShape {
  /** How many nodes. */
  readonly nodes: number;
  /** A node's CPU capacity (a quantity). */
  readonly cpu: string;
  /** A node's memory capacity (a quantity). */
  readonly memory: string;
  /** How many pods a node takes. */
  readonly pods: number;
  /**
   * A node's local disk as the kubelet reports it (`ephemeral-storage`, a quantity): the scheduler
   * places a pod that requests ephemeral storage (SecurityProfile.RESTRICTED's default does) only
   * on a node that reports it.
   */
  readonly ephemeralStorage: string;
  /** What the cluster's own system pods request of the first node (taken off its allocatable). */
  readonly reserved: { readonly cpu: string; readonly memory: string };
}

/**
 * minikube's default node: `minikube start` gives 2 CPUs and, on a small host, its smallest
 * computed memory, 2200 MiB; the kubelet's 110 pods; its default 20000 MB disk, whose
 * filesystem the kubelet reports as about 17 GiB of ephemeral storage. Its system pods request 750m CPU and 170Mi
 * (kube-apiserver 250m, kube-controller-manager 200m, kube-scheduler 100m, etcd 100m/100Mi,
 * CoreDNS 100m/70Mi), so pods get 1250m and 2030Mi.
 */
export const MINIKUBE: NodeShape = Object.freeze({
  nodes: 1, cpu: '2', memory: '2200Mi', pods: 110, ephemeralStorage: '17Gi', reserved: Object.freeze({ cpu: '750m', memory: '170Mi' }),
});

/**
 * A kind cluster of three nodes of minikube's size (kind's nodes are containers on the host, as
 * large as it is; this is the small end). The control-plane node runs kubeadm's pods, two CoreDNS
 * replicas and kindnet: 950m CPU and 290Mi requested.
 */
export const KIND_THREE_NODES: NodeShape = Object.freeze({
  nodes: 3, cpu: '2', memory: '2200Mi', pods: 110, ephemeralStorage: '17Gi', reserved: Object.freeze({ cpu: '950m', memory: '290Mi' }),
});

/** Parses a CPU or memory quantity into millicores or bytes (the suffixes Kubernetes takes). */
export function quantity(q: string, unit: 'milli' | 'one'): number {
  const m = /^([0-9.]+)(m|k|Ki|Mi|Gi|Ti|M|G|T)?$/.exec(q);
  if (!m) throw new Error(`not a quantity: ${q}`);
  const scale: { [s: string]: number } = { '': 1, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40 };
  const value = Number(m[1]) * scale[m[2] ?? ''];
  return unit === 'milli' ? Math.round(value * 1000) : Math.round(value);
}

/** The Node objects of a shape, annotated for kwok; the first carries the system pods' share. */
export function nodeObjects(shape: NodeShape): object[] {
  return Array.from({ length: shape.nodes }, (_, i) => {
    const name = `kwok-node-${i}`;
    const cpu = quantity(shape.cpu, 'milli') - (i === 0 ? quantity(shape.reserved.cpu, 'milli') : 0);
    const memory = quantity(shape.memory, 'one') - (i === 0 ? quantity(shape.reserved.memory, 'one') : 0);
    // the kubelet's allocatable ephemeral storage: its capacity less the default hard eviction
    // threshold, nodefs.available<10%
    const storage = Math.floor(quantity(shape.ephemeralStorage, 'one') * 0.9 / 2 ** 20);
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
        labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'type': 'kwok' },
      },
      status: {
        capacity: { 'cpu': shape.cpu, 'memory': shape.memory, 'ephemeral-storage': shape.ephemeralStorage, 'pods': String(shape.pods) },
        allocatable: { 'cpu': `${cpu}m`, 'memory': `${Math.floor(memory / 2 ** 20)}Mi`, 'ephemeral-storage': `${storage}Mi`, 'pods': String(shape.pods) },
      },
    };
  });
}

/**
 * The capacity budget (rule `capacity`, `ClusterCapacity.declare`) of a shape: the nodes the
 * tests start are the cluster the rule judges against.
 */
export function budgetOf(shape: NodeShape): { nodes: number; cpu: string; memory: string; reserved: { cpu: string; memory: string } } {
  return { nodes: shape.nodes, cpu: shape.cpu, memory: shape.memory, reserved: { ...shape.reserved } };
}
