/**
 * A key a pod reads from a ConfigMap or Secret the app writes (an env `configMapKeyRef` /
 * `secretKeyRef`, a volume's `items`) is one of its keys: else the kubelet does not start the
 * container (`CreateContainerConfigError: couldn't find key x in ConfigMap`) or cannot mount the
 * volume (`configmap references non-existent config key`), unless the reference is optional.
 * The app writes the object, so the apply replaces whatever the cluster held: certainly broken.
 * Only a real kubelet shows it (kwok starts no container); the library judges it over the manifests.
 */
import { configRefs, writtenConfig } from '../checks/config-refs';
import { defineRule } from '../rule';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'config-key-exists',
  source: 'kubelet',
  severity: 'error',
  kinds: [...POD_MAKERS, 'ConfigMap', 'Secret'],
  summary: 'a key a pod reads from a ConfigMap or Secret the app writes (env key refs, volume items), unless optional, is one of its keys: else the kubelet does not start the container (CreateContainerConfigError) or mount the volume',
  fix: 'read a key the ConfigMap or Secret has (add it to its data), or mark the reference optional when the key may be missing',
  versions: { from: '1.28' },
  upstream: 'pkg/kubelet/kubelet_pods.go makeEnvironmentVariables ("couldn\'t find key %v in ConfigMap %v/%v"); pkg/volume/configmap/configmap.go MakePayload ("configmap references non-existent config key")',
  check({ model, about }) {
    const written = writtenConfig(model);
    for (const pod of model.pods) {
      for (const ref of configRefs(pod)) {
        const keys = written.get(`${ref.kind}/${pod.object.namespace ?? ''}/${ref.name}`);
        if (ref.optional || keys === undefined) continue;
        for (const { key, field } of ref.keys) {
          if (keys.has(key)) continue;
          about(pod.object).add(field, key,
            `a key of the ${ref.kind} ${ref.name} the app writes (${keys.size > 0 ? [...keys].sort().join(', ') : 'it has none'}): without it the kubelet ${ref.by === 'env' ? 'does not start the container (CreateContainerConfigError)' : 'cannot mount the volume (FailedMount)'}`,
            `name one of its keys, add ${key} to the ${ref.kind}, or mark the reference optional: true`);
        }
      }
    }
  },
});
