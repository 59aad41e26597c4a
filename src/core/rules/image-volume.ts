import { array, record } from '../manifest';
import { defineRule } from '../rule';
import { atLeast, targetOf } from '../versions';
import { POD_MAKERS } from '../walk/pods';

/** The pull policies of an image volume (a container's). */
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

export const rule = defineRule({
  id: 'image-volume',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'an image volume names its image (reference; in a pod template too from 1.37) and a pullPolicy of Always, IfNotPresent or Never',
  fix: 'give the image volume its image: Volume.image(name, \'registry.example.com/data:1\'), with a pullPolicy of Always, IfNotPresent or Never if any',
  // (before 1.35 the volume is dropped: rule field-version)
  versions: { from: '1.35' },
  upstream: 'pkg/apis/core/validation.validateImageVolumeSource (ImageVolume; an empty reference in a pod template allowed before 1.37)',
  podSpec({ pod, field, spec }, r, { options }) {
    // A pod template may leave the reference to be filled in until 1.37 (AllowEmptyImageVolumeReference).
    const required = pod.template === '' || atLeast(targetOf(options), '1.37');
    array(spec.volumes).forEach((raw, i) => {
      const v = record(raw);
      if (v.image === undefined || v.image === null) return;
      const image = record(v.image);
      const at = `${field}.volumes[${i}].image`;
      if (required && (typeof image.reference !== 'string' || image.reference === '')) r.add(`${at}.reference`, image.reference, 'an image reference, as a container\'s image (required)');
      // (an empty pullPolicy is defaulted: Always for :latest, else IfNotPresent)
      if (image.pullPolicy !== undefined && image.pullPolicy !== '' && !PULL_POLICIES.includes(image.pullPolicy as string)) {
        r.add(`${at}.pullPolicy`, image.pullPolicy, `one of ${PULL_POLICIES.join(', ')}`);
      }
    });
  },
});
