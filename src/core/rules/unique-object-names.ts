import { defineRule } from '../rule';

export const rule = defineRule({
  id: 'unique-object-names',
  source: 'ours',
  severity: 'error',
  kinds: ['*'],
  summary: 'no two objects of one kind share a name in one namespace (applying both leaves only the last)',
  fix: 'give one of the two objects another name (or another namespace)',
  versions: { from: '1.28' },
  check({ model, about }) {
    // Two objects of one kind, namespace and name are one object to the cluster: the last applied wins.
    const seen = new Set<string>();
    for (const object of model.objects) {
      if (object.name === '' || object.kind === undefined) continue;
      const key = `${object.apiVersion?.split('/').slice(0, -1).join('/') ?? ''}|${object.ref}`;
      if (!seen.has(key)) {
        seen.add(key);
        continue;
      }
      about(object).add('metadata.name', object.name,
        `a name no other ${object.kind} of the app has in its namespace: an earlier ${object.ref} has it, and applying both leaves only the last`,
        'give one of them another name');
    }
  },
});
