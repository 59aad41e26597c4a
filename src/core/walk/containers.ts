/** Walkers over the containers of a pod spec, for the rules that judge containers. */
import type { Json} from '../manifest';
import { array, record } from '../manifest';
import { JudgmentCache } from './judgment';

/** One container of a pod spec, and where it is. */
export interface ContainerSite {
  /** The container as written. */
  readonly container: Json;
  /** Its path (`spec.containers[0]`). */
  readonly field: string;
  /** Whether it is one of `initContainers`. */
  readonly init: boolean;
  /** Its position in its list. */
  readonly index: number;
}

const read = new JudgmentCache<Json, { readonly field: string; readonly sites: readonly ContainerSite[] }>();

/** The init containers, then the app containers, of a pod spec at `field` (read once per spec and judgment). */
export function containersOf(field: string, spec: Json): readonly ContainerSite[] {
  const known = read.get(spec);
  if (known !== undefined && known.field === field) return known.sites;
  const out: ContainerSite[] = [];
  for (const list of ['initContainers', 'containers'] as const) {
    array(spec[list]).forEach((c, index) => out.push({ container: record(c), field: `${field}.${list}[${index}]`, init: list === 'initContainers', index }));
  }
  read.set(spec, { field, sites: out });
  return out;
}

/** The names of a pod spec's volumes. */
export function volumeNames(spec: Json): Set<string> {
  const names = new Set<string>();
  for (const v of array(spec.volumes)) {
    const name = record(v).name;
    if (typeof name === 'string') names.add(name);
  }
  return names;
}
