import { formatProblem, ValidationError } from '../../../src';
import { showValue } from '../../../src/core/problems';

describe('the message format', () => {
  test('is [path] field: value is not valid: allowed. Fix: fix [rule], one line per problem; a problem without a fix gets its rule\'s', () => {
    const err = new ValidationError([
      { rule: 'node-port', path: 'demo/svc', field: 'nodePort', value: 29999, allowed: 'an integer from 30000 to 32767', fix: 'pick a port in the range' },
      { rule: 'object-name', path: 'demo/web', field: 'name', value: 'Web', allowed: 'a DNS-1123 subdomain' },
    ]);
    expect(err.message).toBe([
      '[demo/svc] nodePort: 29999 is not valid: an integer from 30000 to 32767. Fix: pick a port in the range [node-port]',
      '[demo/web] name: "Web" is not valid: a DNS-1123 subdomain. Fix: name the object by its kind\'s rule: a Service by a DNS-1035 label (lower-case letters, digits, "-", starting with a letter, at most 63; from 1.36 a DNS-1123 label may start with a digit), a StatefulSet by a DNS-1123 label, most others by a DNS-1123 subdomain (at most 253) [object-name]',
    ].join('\n'));
    // (a problem of no registered rule keeps none)
    expect(new ValidationError([{ rule: 'not-a-rule', path: 'x', field: 'f', value: 1, allowed: 'a' }]).problems[0].fix).toBeUndefined();
  });

  test('a message of a validation that is not ours prints as it is', () => {
    expect(formatProblem({ rule: 'validation', path: 'demo/x', field: '', value: undefined, allowed: '', message: 'something else' })).toBe('[demo/x] something else');
  });
});

describe('values print as they are', () => {
  test.each([
    [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [-0, '-0'], [5000, '5000'], ['5000', '"5000"'],
    [undefined, 'undefined'], [null, 'null'], [10n, '10n'], [true, 'true'],
    [[1, NaN, 'a'], '[1,NaN,"a"]'], [{ a: undefined, b: Infinity }, '{"a":undefined,"b":Infinity}'],
  ])('%p prints as %s', (value, shown) => {
    expect(showValue(value)).toBe(shown);
  });

  test('an instance of a class shows its class name; a cycle does not loop', () => {
    class Thing { public x = 1; }
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(showValue(new Thing())).toBe('Thing {"x":1}');
    expect(showValue(cyclic)).toBe('{"self":[circular]}');
    expect(showValue(function named() {})).toBe('[function named]');
  });
});

test('ValidationError.isValidationError recognises errors of any copy of the package, by a shared symbol', () => {
  const err = new ValidationError([]);
  const foreign = Object.defineProperty(new Error('x'), Symbol.for('cdk8s-pods-services.ValidationError'), { value: true });
  expect(ValidationError.isValidationError(err)).toBe(true);
  expect(ValidationError.isValidationError(foreign)).toBe(true);
  expect(ValidationError.isValidationError(new Error('x'))).toBe(false);
  expect(ValidationError.isValidationError(null)).toBe(false);
});
