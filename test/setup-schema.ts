/**
 * Every object any test renders (through any chart, any synth) is checked against the
 * Kubernetes schema: rendering an invalid one fails the test that rendered it.
 */
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as gatewayApi from '../src/imports/gateway-api/gateway.networking.k8s.io';
import { schemaErrors } from './schema';
import * as k8s from '../src/imports/k8s';

const counter = globalThis as { schemaValidatedObjects?: number; schemaCheckSuspended?: number };
counter.schemaValidatedObjects = 0;
counter.schemaCheckSuspended = 0;
let depth = 0;

// L1 classes override toJson and call ApiObject's: validate only the outermost result.
function wrap(proto: { toJson(): any }): void {
  const original = proto.toJson;
  proto.toJson = function toJson(this: ApiObject): any {
    depth++;
    let json: any;
    try {
      json = original.call(this);
    } finally {
      depth--;
    }
    // (suspended while a test renders a user's invalid value on purpose, for the engine to judge: see test/util.ts)
    if (depth === 0 && !(counter.schemaCheckSuspended! > 0)) {
      const errors = schemaErrors(json);
      if (errors.length > 0) throw new Error(`[${this.node.path}] ${json.kind} is not schema-valid:\n  ${errors.join('\n  ')}`);
      counter.schemaValidatedObjects! += 1;
    }
    return json;
  };
}

wrap(ApiObject.prototype);
// the library's own L1 classes (src/imports/k8s.ts), the Gateway API's, and cdk8s-plus-28's, which tests use beside them
for (const cls of [...Object.values(k8s), ...Object.values(kplus.k8s), ...Object.values(gatewayApi)]) {
  // cdk8s-plus-28 may carry its own copy of cdk8s, so `instanceof` cannot tell: every L1 class has a GVK.
  if (typeof cls === 'function' && 'GVK' in cls && Object.prototype.hasOwnProperty.call(cls.prototype, 'toJson')) wrap(cls.prototype);
}
