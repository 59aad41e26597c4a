import type { Json } from '../manifest';
import { at, record, str } from '../manifest';
import type { ObjectReporter } from '../rule';
import { defineRule } from '../rule';
import { atLeast, FIELD_SINCE, targetOf } from '../versions';
import { POD_MAKERS } from '../walk/pods';

/** The profile types of `securityContext.appArmorProfile`. */
export const APP_ARMOR_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];
/** The annotation key prefix of a container's AppArmor profile (before the field, deprecated since 1.30). */
export const APP_ARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
/** The longest `localhostProfile` (PATH_MAX - 1). */
const MAX_LOCALHOST_PROFILE = 4095;

/** pkg/apis/core/validation.ValidateAppArmorProfileField, over one written profile. */
function checkProfile(r: ObjectReporter, field: string, raw: unknown): void {
  if (raw === undefined || raw === null) return;
  const profile = record(raw);
  const { type, localhostProfile } = profile;
  if (type === 'Localhost') {
    if (typeof localhostProfile !== 'string' || localhostProfile.trim() === '') {
      r.add(`${field}.localhostProfile`, localhostProfile, 'the name of a profile loaded on the node: required when the type is Localhost', 'name the profile: AppArmorProfile.localhost(\'my-profile\')');
    } else if (localhostProfile.trim() !== localhostProfile) {
      r.add(`${field}.localhostProfile`, localhostProfile, 'a profile name without leading or trailing whitespace', `write ${JSON.stringify(localhostProfile.trim())}`);
    } else if (localhostProfile.length > MAX_LOCALHOST_PROFILE) {
      r.add(`${field}.localhostProfile`, `${localhostProfile.slice(0, 20)}…`, `at most ${MAX_LOCALHOST_PROFILE} characters`);
    }
  } else if (type === 'RuntimeDefault' || type === 'Unconfined') {
    if (localhostProfile !== undefined && localhostProfile !== null) {
      r.add(`${field}.localhostProfile`, localhostProfile, 'no localhostProfile: only a Localhost profile names one', 'drop localhostProfile, or make the type Localhost');
    }
  } else {
    r.add(`${field}.type`, type, `one of ${APP_ARMOR_TYPES.join(', ')}`, 'use AppArmorProfile.RUNTIME_DEFAULT, AppArmorProfile.UNCONFINED or AppArmorProfile.localhost(name)');
  }
}

/** The value an annotation must have for a profile of the field (validateAppArmorAnnotationsAndFieldsMatchOnCreate). */
function annotationMatches(profile: Json, annotation: string): { field: 'type' | 'localhostProfile'; expected: string } | undefined {
  switch (profile.type) {
    case 'Unconfined': return annotation === 'unconfined' ? undefined : { field: 'type', expected: '"unconfined"' };
    case 'RuntimeDefault': return annotation === 'runtime/default' ? undefined : { field: 'type', expected: '"runtime/default"' };
    case 'Localhost':
      if (!annotation.startsWith('localhost/')) return { field: 'type', expected: '"localhost/<profile>"' };
      return annotation.slice('localhost/'.length) === profile.localhostProfile ? undefined : { field: 'localhostProfile', expected: `"localhost/${String(profile.localhostProfile)}"` };
    default: return undefined;
  }
}

export const rule = defineRule({
  id: 'app-armor-profile',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'AppArmor profiles: securityContext.appArmorProfile of type RuntimeDefault, Unconfined or Localhost (with a localhostProfile, and only then), matching the container\'s deprecated annotation when both are written; each annotation for a container of the pod, with a value runtime/default, unconfined or localhost/<profile>',
  fix: 'use AppArmorProfile.RUNTIME_DEFAULT, AppArmorProfile.UNCONFINED or AppArmorProfile.localhost(name), and drop the deprecated container.apparmor.security.beta.kubernetes.io annotations',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateAppArmorProfileField, ValidateAppArmorPodAnnotations and validateAppArmorAnnotationsAndFieldsMatchOnCreate (the field from 1.30, AppArmorFields)',
  podSpec({ pod, object, field, spec }, r, { options }) {
    const annotations = record(at(object.raw, `${pod.template}metadata`).annotations);
    const meta = `${pod.template}metadata.annotations`;
    const names = new Set<unknown>();
    for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
      for (const c of Array.isArray(spec[list]) ? spec[list] as unknown[] : []) names.add(record(c).name);
    }
    for (const [key, value] of Object.entries(annotations)) {
      if (!key.startsWith(APP_ARMOR_ANNOTATION_PREFIX)) continue;
      const container = key.slice(APP_ARMOR_ANNOTATION_PREFIX.length);
      if (!names.has(container)) r.add(`${meta}[${JSON.stringify(key)}]`, container, 'the name of a container of the pod', 'name a container of the pod after the prefix, or drop the annotation');
      if (typeof value === 'string' && value !== '' && value !== 'runtime/default' && value !== 'unconfined' && !value.startsWith('localhost/')) {
        r.add(`${meta}[${JSON.stringify(key)}]`, value, '"runtime/default", "unconfined" or "localhost/<profile>"', 'use the field instead: AppArmorProfile.RUNTIME_DEFAULT, UNCONFINED or localhost(name)');
      }
    }
    // (before 1.30 the field is unknown to the API server: rule field-version says so)
    if (!atLeast(targetOf(options), FIELD_SINCE.appArmorProfile)) return;
    const podProfile = record(spec.securityContext).appArmorProfile;
    checkProfile(r, `${field}.securityContext.appArmorProfile`, podProfile);
    const windows = str(record(spec.os).name) === 'windows';
    for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
      (Array.isArray(spec[list]) ? spec[list] as unknown[] : []).forEach((raw, i) => {
        const c = record(raw);
        const own = record(c.securityContext).appArmorProfile;
        const f = `${field}.${list}[${i}].securityContext.appArmorProfile`;
        checkProfile(r, f, own);
        // (creating a Pod first copies a container's valid annotation into its field when it has
        // none of its own: only its own field can then disagree; a template is not synced)
        const profile = pod.template === '' ? own : own ?? podProfile;
        const annotation = annotations[`${APP_ARMOR_ANNOTATION_PREFIX}${String(c.name)}`];
        if (windows || profile === undefined || profile === null || typeof annotation !== 'string') return;
        const mismatch = annotationMatches(record(profile), annotation);
        if (mismatch !== undefined) {
          r.add(`${f}.${mismatch.field}`, record(profile)[mismatch.field], `the profile of the container's annotation ${JSON.stringify(annotation)} (field and annotation must match), or no annotation`,
            `drop the annotation ${APP_ARMOR_ANNOTATION_PREFIX}${String(c.name)} (the field replaces it), or make it ${mismatch.expected}`);
        }
      });
    }
  },
});
