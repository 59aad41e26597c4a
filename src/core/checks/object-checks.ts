/**
 * The checks of one object at a time, over the object as written: what the API server would
 * refuse on create (metadata, pod specs, controllers, Services), and what it accepts but the
 * cluster cannot run (an image reference a runtime cannot pull, two containers on one port).
 */
import { DEFAULT_KUBERNETES_VERSION, KubernetesVersion } from '../versions';
import { Findings } from '../findings';
import { RULES, RuleId } from '../catalogue';
import { Reporter } from '../problems';
import { checkConfigData, checkEnvFrom, checkMountOptions, checkValueFrom, checkVolumeSource } from './config-checks';
import { checkProbesAndHooks } from './lifecycle-checks';
import { checkLabelSelector } from './label-selector-checks';
import { checkAnnotationMap, checkLabelMap } from './metadata-checks';
import { checkPodRuntime, checkPodSecurityContext } from './runtime-checks';
import { checkScheduling } from './scheduling-checks';
import { checkServiceSpec } from './service-spec-checks';
import { readSelector, SELECTOR_OPERATORS, selectorMatches } from '../label-selector';
import { array, at, Json, KubeObject, makesPods, record, str, stringMap, templateOf } from '../manifest';
import * as rules from '../rules';
import { isPlainObject } from '../util';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
/** Controllers whose pods must restart: `restartPolicy: Always` only. */
const ALWAYS_RESTART = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'];
/** Controllers with a `spec.replicas`. */
const REPLICATED = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];
/** Controllers with an apps/v1 label selector (required, and matching the template). */
const SELECTOR_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];
const VOLUME_SOURCES = [
  'emptyDir', 'configMap', 'secret', 'persistentVolumeClaim', 'projected', 'downwardAPI', 'hostPath', 'nfs', 'csi',
  'ephemeral', 'iscsi', 'fc', 'cephfs', 'rbd', 'cinder', 'flexVolume', 'glusterfs', 'awsElasticBlockStore', 'gcePersistentDisk',
  'azureDisk', 'azureFile', 'vsphereVolume', 'quobyte', 'flocker', 'photonPersistentDisk', 'portworxVolume', 'scaleIO',
  'storageos', 'gitRepo',
];

/** Runs every check of one object. */
export function checkObject(object: KubeObject, out: Findings, target: KubernetesVersion = DEFAULT_KUBERNETES_VERSION): void {
  const r = out.about(object);
  if (!checkMetadata(object, r)) return;
  if (makesPods(object.builtinKind)) checkPodMaker(object, r, target);
  else if (object.builtinKind === 'Service') {
    checkService(object, r);
    checkServiceSpec(r, record(object.raw.metadata), record(object.raw.spec));
  }
  else if (object.builtinKind === 'ConfigMap' || object.builtinKind === 'Secret') checkConfigData(object, r);
}

/** @returns whether the object has an apiVersion and a kind, to be looked into further */
function checkMetadata(object: KubeObject, r: Reporter): boolean {
  // (anything but an object reads as {}: no kind either)
  const { apiVersion, kind } = object.raw;
  const noKind = typeof kind !== 'string' || kind === '';
  if (noKind || typeof apiVersion !== 'string' || apiVersion === '') {
    r.add('kind', noKind ? 'kind' : 'apiVersion', noKind ? kind : apiVersion,
      'an object with an apiVersion and a kind (e.g. apiVersion: v1, kind: Pod)', 'write the object as the Kubernetes API spells it');
    return false;
  }
  const meta = record(object.raw.metadata);
  const name = meta.name;
  if (name === undefined && meta.generateName === undefined) {
    r.add('object-name', 'metadata.name', undefined, `a name: every ${object.kind} needs one`, 'give the object a name');
  } else if (name !== undefined) {
    r.check('object-name', 'metadata.name', name, nameRule(object.builtinKind)(name), generatedNameFix(object));
  }
  if (meta.namespace !== undefined) r.check('namespace', 'metadata.namespace', meta.namespace, rules.dns1123Label(meta.namespace));
  checkLabelMap(r, 'metadata.labels', meta.labels);
  checkAnnotationMap(r, 'metadata.annotations', meta.annotations);
  if (object.builtinKind === 'StatefulSet' && typeof name === 'string' && nameRule('StatefulSet')(name) === undefined && name.length > 52) {
    r.add('statefulset-name', 'metadata.name', name,
      'a StatefulSet name of at most 52 characters (its pods\' hostnames and controller-revision-hash labels derive from it)',
      'give the StatefulSet a shorter name');
  }
  return true;
}

/** The API server's rule for a kind's names. */
function nameRule(kind: string | undefined): (name: unknown) => string | undefined {
  switch (kind) {
    case 'Service': return rules.dns1035Label;
    case 'Namespace': return rules.dns1123Label;
    case 'StatefulSet': return rules.dns1123Label;
    // (policy/v1 validates a budget's spec only: its name just has to fit in a URL)
    case 'PodDisruptionBudget': return rules.pathSegmentName;
    case 'CronJob': return (name: unknown) => rules.dns1123Subdomain(name) ?? (typeof name === 'string' && name.length > 52
      ? 'a CronJob name of at most 52 characters (its Jobs are named <name>-<11 characters>)' : undefined);
    default: return rules.dns1123Subdomain;
  }
}

/** In an app, a name that breaks the rule is fixed on the construct (a generated one by giving one). */
function generatedNameFix(object: KubeObject): string | undefined {
  if (object.where === object.ref) return undefined;
  return object.kind === 'Service'
    ? 'give the construct a valid `name` (a Service\'s name starts with a letter; a generated name starts with its chart\'s id, e.g. "02-cluster-ip")'
    : 'give the construct a valid `name`';
}

function checkPodMaker(object: KubeObject, r: Reporter, target: KubernetesVersion): void {
  const kind = object.builtinKind!;
  const spec = record(object.raw.spec);
  if (REPLICATED.includes(kind) && spec.replicas !== undefined) {
    r.check('replicas', 'spec.replicas', spec.replicas, rules.integer(spec.replicas));
  }
  const template = templateOf(kind);
  if (kind !== 'Pod') {
    const meta = at(object.raw, `${template}metadata`);
    checkLabelMap(r, `${template}metadata.labels`, meta.labels);
    // The API server validates a pod template's metadata as it does an object's.
    checkAnnotationMap(r, `${template}metadata.annotations`, meta.annotations);
  }
  if (SELECTOR_KINDS.includes(kind)) checkSelector(object, r);
  checkPodSpec(object, kind === 'StatefulSet' ? uncheckedTemplate(r) : r, `${template}spec`, at(object.raw, `${template}spec`), target);
}

/**
 * What the API server refuses in a StatefulSet's pod spec all the same: what it cannot decode
 * (quantities, unknown fields), and the restart policy, which `ValidateStatefulSetSpec` checks itself.
 */
const STATEFULSET_CHECKED: ReadonlySet<RuleId> = new Set(['quantities', 'unknown-field', 'restart-policy']);

/**
 * Kubernetes 1.28 does not validate a StatefulSet's pod spec (`ValidatePodTemplateSpecForStatefulSet`
 * checks the template's labels and annotations only, with a TODO for the rest): what the API server
 * refuses in a Pod it accepts in the StatefulSet, and then refuses every pod the StatefulSet makes.
 * Such problems are reported under `unchecked-pod-template`, naming the rule they break.
 */
function uncheckedTemplate(r: Reporter): Reporter {
  const add = (rule: RuleId, field: string, value: unknown, allowed: string, fix?: string) => {
    if (RULES[rule].source !== 'api-server' || STATEFULSET_CHECKED.has(rule)) r.add(rule, field, value, allowed, fix);
    else r.add('unchecked-pod-template', field, value, `${allowed} (rule ${rule}: the API server accepts this StatefulSet and refuses every pod it makes)`, fix);
  };
  return {
    add,
    check: (rule, field, value, allowed, fix) => {
      if (allowed !== undefined) add(rule, field, value, allowed, fix);
    },
  };
}

function checkSelector(object: KubeObject, r: Reporter): void {
  const selector = at(object.raw, 'spec.selector');
  const matchLabels = selector.matchLabels;
  const expressions = array(selector.matchExpressions);
  checkLabelSelector(r, 'controller-selector', 'spec.selector', selector, 'labels');
  if ((!isPlainObject(matchLabels) || Object.keys(matchLabels).length === 0) && expressions.length === 0) {
    r.add('controller-selector', 'spec.selector', object.raw.spec === undefined ? undefined : record(object.raw.spec).selector,
      'a non-empty selector: the API server refuses an empty one', 'select the pod template\'s labels with matchLabels');
    return;
  }
  const labels = record(at(object.raw, 'spec.template.metadata').labels);
  if (isPlainObject(matchLabels) && Object.entries(matchLabels).some(([k, v]) => labels[k] !== v)) {
    r.add('controller-selector', 'spec.selector.matchLabels', matchLabels,
      'a selector that matches the pod template\'s labels (spec.template.metadata.labels)', 'select exactly the template\'s labels');
  } else if (expressions.every(e => SELECTOR_OPERATORS.includes(record(e).operator as string)) && !selectorMatches(readSelector(selector), stringMap(labels) ?? {})) {
    r.add('controller-selector', 'spec.selector.matchExpressions', selector.matchExpressions,
      'expressions that the pod template\'s labels (spec.template.metadata.labels) satisfy: the API server refuses a selector that does not select its own template',
      'change the expressions, or the template\'s labels, so that the template is selected');
  }
}

function checkPodSpec(object: KubeObject, r: Reporter, field: string, spec: Json, target: KubernetesVersion): void {
  const volumes = new Set<string>();
  array(spec.volumes).forEach((v, i) => {
    const volume = record(v);
    const name = volume.name;
    r.check('volumes', `${field}.volumes[${i}].name`, name, rules.dns1123Label(name));
    if (typeof name === 'string') {
      if (volumes.has(name)) r.add('volumes', `${field}.volumes[${i}].name`, name, 'a name no other volume of the pod has');
      volumes.add(name);
    }
    const sources = Object.keys(volume).filter(k => VOLUME_SOURCES.includes(k));
    if (sources.length !== 1) {
      r.add('volumes', `${field}.volumes[${i}]`, sources, 'exactly one volume source (emptyDir, configMap, secret, …)');
    }
    checkVolumeSource(r, `${field}.volumes[${i}]`, volume);
  });

  const appContainers = array(spec.containers);
  if (!Array.isArray(spec.containers) || appContainers.length === 0) {
    r.add('containers', `${field}.containers`, spec.containers, 'at least one container', 'add a container');
  }
  const names = new Set<string>();
  const lists: Array<[string, readonly unknown[]]> = [['initContainers', array(spec.initContainers)], ['containers', appContainers]];
  for (const [list, containers] of lists) {
    containers.forEach((c, i) => {
      const container = record(c);
      const at = `${field}.${list}[${i}]`;
      const name = container.name;
      r.check('containers', `${at}.name`, name, rules.dns1123Label(name));
      if (typeof name === 'string') {
        if (names.has(name)) r.add('containers', `${at}.name`, name, 'a name no other container or init container of the pod has', 'rename one of the containers');
        names.add(name);
      }
      checkContainer(object, r, at, container, list === 'initContainers', volumes, target);
    });
  }
  checkPortClash(r, field, appContainers);

  const policy = spec.restartPolicy;
  if (policy !== undefined && !RESTART_POLICIES.includes(policy as string)) {
    r.add('restart-policy', `${field}.restartPolicy`, policy, 'one of Always, OnFailure, Never');
  } else if (ALWAYS_RESTART.includes(object.builtinKind!) && policy !== undefined && policy !== 'Always') {
    r.add('restart-policy', `${field}.restartPolicy`, policy, `Always (or unset) under a ${object.kind}: it restarts every container that exits`,
      'drop restartPolicy, or run the pod as a Job');
  } else if ((object.builtinKind === 'Job' || object.builtinKind === 'CronJob') && (policy === undefined || policy === 'Always')) {
    r.add('restart-policy', `${field}.restartPolicy`, policy, `OnFailure or Never under a ${object.kind}: its pods run to completion`);
  }
  checkSecurityContext(r, `${field}.securityContext`, record(spec.securityContext));
  if (spec.securityContext !== undefined) checkPodSecurityContext(r, `${field}.securityContext`, record(spec.securityContext));
  checkPodRuntime(r, field, spec);
  checkScheduling(r, field, spec);
}

function checkContainer(object: KubeObject, r: Reporter, field: string, c: Json, init: boolean, volumes: ReadonlySet<string>, target: KubernetesVersion): void {
  const image = c.image;
  const imageProblem = rules.image(image);
  if (imageProblem !== undefined) {
    // The API server requires every image, and refuses one with surrounding whitespace in a
    // Pod; a controller's template with such an image is accepted, and every pod it makes refused.
    if (object.builtinKind === 'Pod' || image === undefined || image === '') r.add('container-image', `${field}.image`, image, imageProblem);
    else r.add('pod-template-image', `${field}.image`, image, `${imageProblem}: the API server accepts this template and refuses every pod made from it`);
  } else {
    r.check('image-reference', `${field}.image`, image, rules.imageReference(image), rules.imageReferenceFix(image as string));
  }

  const portNames = new Set<string>();
  array(c.ports).forEach((p, i) => {
    const port = record(p);
    const at = `${field}.ports[${i}]`;
    r.check('container-ports', `${at}.containerPort`, port.containerPort, rules.portNumber(port.containerPort));
    if (port.name !== undefined && port.name !== '') {
      r.check('container-ports', `${at}.name`, port.name, rules.ianaServiceName(port.name));
      if (typeof port.name === 'string') {
        if (portNames.has(port.name)) r.add('container-ports', `${at}.name`, port.name, 'a name no other port of the container has');
        portNames.add(port.name);
      }
    }
    if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol as string)) {
      r.add('container-ports', `${at}.protocol`, port.protocol, 'one of TCP, UDP, SCTP');
    }
  });

  array(c.env).forEach((e, i) => {
    const env = record(e);
    r.check('env', `${field}.env[${i}].name`, env.name, rules.envVarName(env.name));
    // (an empty value is no value to the API server)
    if (env.value !== undefined && env.value !== '' && env.valueFrom !== undefined) {
      r.add('env', `${field}.env[${i}].valueFrom`, env.valueFrom, 'no valueFrom beside a value: either value or valueFrom', 'drop one of them');
    }
    if (env.value !== undefined && typeof env.value !== 'string') {
      r.add('env', `${field}.env[${i}].value`, env.value, 'a string', `quote it: ${JSON.stringify(String(env.value))}`);
    }
    checkValueFrom(r, `${field}.env[${i}].valueFrom`, env.valueFrom);
  });
  checkEnvFrom(r, `${field}.envFrom`, c.envFrom);

  checkResources(r, `${field}.resources`, record(c.resources));

  const paths = new Set<string>();
  array(c.volumeMounts).forEach((m, i) => {
    const mount = record(m);
    const at = `${field}.volumeMounts[${i}]`;
    // (a StatefulSet's mounts may name its claim templates: the workload checks look at those)
    if ((typeof mount.name !== 'string' || !volumes.has(mount.name)) && object.builtinKind !== 'StatefulSet') {
      r.add('volumes', `${at}.name`, mount.name, `the name of a volume of the pod${volumes.size > 0 ? ` (${[...volumes].join(', ')})` : ': it has none'}`,
        'add the volume to the pod, or mount one it has');
    }
    r.check('volumes', `${at}.mountPath`, mount.mountPath, rules.mountPath(mount.mountPath));
    if (typeof mount.mountPath === 'string') {
      if (paths.has(mount.mountPath)) r.add('volumes', `${at}.mountPath`, mount.mountPath, 'a path no other mount of the container has', 'mount each volume at its own path');
      paths.add(mount.mountPath);
    }
    if (mount.subPath !== undefined) r.check('volumes', `${at}.subPath`, mount.subPath, rules.relativePath(mount.subPath));
    checkMountOptions(r, at, mount, c);
  });

  checkProbesAndHooks(r, field, c, init, target);
  checkSecurityContext(r, `${field}.securityContext`, record(c.securityContext));
}

function checkResources(r: Reporter, field: string, resources: Json): void {
  const requests = record(resources.requests);
  const limits = record(resources.limits);
  for (const [kind, map] of [['requests', requests], ['limits', limits]] as const) {
    for (const [name, value] of Object.entries(map)) {
      const broken = rules.resourceQuantity(value);
      if (broken !== undefined) r.add(broken.rule, `${field}.${kind}.${name}`, value, broken.allowed);
    }
  }
  for (const [name, request] of Object.entries(requests)) {
    const req = rules.parseQuantity(request);
    const lim = rules.parseQuantity(limits[name]);
    if (req !== undefined && lim !== undefined && req > lim) {
      r.add('resources', `${field}.requests.${name}`, request, `at most the ${name} limit (${JSON.stringify(limits[name])})`, 'lower the request or raise the limit');
    }
  }
}

function checkSecurityContext(r: Reporter, field: string, sc: Json): void {
  for (const id of ['runAsUser', 'runAsGroup']) {
    if (sc[id] !== undefined) r.check('security-context', `${field}.${id}`, sc[id], rules.integer(sc[id]));
  }
}

/** Two app containers of one pod share its network namespace: one port and protocol each. */
function checkPortClash(r: Reporter, field: string, containers: readonly unknown[]): void {
  const taken = new Map<string, string>();
  containers.forEach((c, ci) => {
    const container = record(c);
    const name = str(container.name) ?? `#${ci}`;
    array(container.ports).forEach((p, pi) => {
      const port = record(p);
      if (typeof port.containerPort !== 'number') return;
      const key = `${port.containerPort}/${str(port.protocol) ?? 'TCP'}`;
      const owner = taken.get(key);
      if (owner === undefined) taken.set(key, name);
      else if (owner !== name) {
        r.add('no-port-clash-in-pod', `${field}.containers[${ci}].ports[${pi}]`, key,
          `a port no other container of the pod listens on: "${owner}" already has ${key}, and the containers of a pod share one network namespace`,
          'give one of them another port');
      }
    });
  });
}

function checkService(object: KubeObject, r: Reporter): void {
  const spec = record(object.raw.spec);
  const type = spec.type ?? 'ClusterIP';
  if (!SERVICE_TYPES.includes(type as string)) {
    r.add('service-type', 'spec.type', type, `one of ${SERVICE_TYPES.join(', ')}`);
  }
  checkLabelMap(r, 'spec.selector', spec.selector);
  const external = type === 'ExternalName';
  if (!external && spec.externalName !== undefined && SERVICE_TYPES.includes(type as string)) {
    r.add('type-field', 'spec.externalName', spec.externalName, `no externalName on a ${String(type)} Service: only an ExternalName Service uses it (the API server ignores it here)`,
      'use type ExternalName, or drop externalName');
  }
  if (external) {
    if (spec.externalName === undefined) {
      r.add('external-name', 'spec.externalName', undefined, 'a host name for an ExternalName Service (e.g. "foo.bar.example.com")');
    } else {
      r.check('external-name', 'spec.externalName', spec.externalName, rules.externalName(spec.externalName));
    }
  }
  const ports = array(spec.ports);
  const headless = spec.clusterIP === 'None';
  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) {
    r.add('cluster-ip', 'spec.clusterIP', 'None', `a cluster IP (not "None") on a ${type} Service: only a ClusterIP Service can be headless`,
      'leave clusterIP out, or use type ClusterIP for a headless Service');
  } else if (external && spec.clusterIP !== undefined && spec.clusterIP !== '') {
    r.add('cluster-ip', 'spec.clusterIP', spec.clusterIP, 'no clusterIP on an ExternalName Service: it is a DNS CNAME', 'drop clusterIP');
  }
  if (ports.length === 0 && !external && !headless) {
    r.add('service-ports', 'spec.ports', spec.ports, `at least one port: the API server refuses a ${type} Service without one`,
      'list a port, or make the Service headless (clusterIP: None)');
  }
  const names = new Set<string>();
  const pairs = new Set<string>();
  ports.forEach((p, i) => {
    const port = record(p);
    const at = `spec.ports[${i}]`;
    r.check('service-ports', `${at}.port`, port.port, rules.portNumber(port.port));
    if (port.name === undefined || port.name === '') {
      if (ports.length > 1) r.add('service-ports', `${at}.name`, port.name, 'a name: every port of a Service with more than one port needs one');
    } else {
      r.check('service-ports', `${at}.name`, port.name, rules.dns1123Label(port.name));
      if (typeof port.name === 'string') {
        if (names.has(port.name)) r.add('service-ports', `${at}.name`, port.name, 'a name no other port of the Service has');
        names.add(port.name);
      }
    }
    const protocol = port.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(protocol as string)) r.add('service-ports', `${at}.protocol`, protocol, 'one of TCP, UDP, SCTP');
    const pair = `${String(port.port)}/${String(protocol)}`;
    if (pairs.has(pair)) r.add('service-ports', `${at}.port`, pair, 'a (port, protocol) pair no other port of the Service has');
    pairs.add(pair);
    const target = port.targetPort;
    if (typeof target === 'string') {
      r.check('service-ports', `${at}.targetPort`, target, rules.ianaServiceName(target));
    } else if (target !== undefined && target !== 0) { // 0: the API server defaults it to port
      r.check('service-ports', `${at}.targetPort`, target, rules.portNumber(target));
    }
    if (port.nodePort !== undefined && typeof port.nodePort !== 'number') {
      r.add('node-port', `${at}.nodePort`, port.nodePort, rules.portNumber(port.nodePort)!);
    } else if (port.nodePort !== undefined && port.nodePort !== 0 && type === 'ClusterIP') {
      r.add('node-port', `${at}.nodePort`, port.nodePort, 'no nodePort on a ClusterIP Service: only NodePort and LoadBalancer Services have one',
        'use type NodePort, or drop nodePort');
    } else if (port.nodePort !== undefined && port.nodePort !== 0 && external) {
      r.add('type-field', `${at}.nodePort`, port.nodePort, 'no nodePort on an ExternalName Service: it has no node ports (the API server ignores it)',
        'drop nodePort');
    }
  });
}
