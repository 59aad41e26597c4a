/** The node port range the API server allocates from: plain data, read by the settings and the node-port rule. */

/** The lowest and highest node port. */
export type NodePortRange = readonly [number, number];

/**
 * The lowest and highest port of the API server's default `--service-node-port-range`. Widen it
 * for a cluster started with another range through the context value
 * `cdk8s-pods-services:nodePortRange` (see `NODE_PORT_RANGE_CONTEXT`), or the validation
 * plugin's `nodePortRange` property.
 */
export const DEFAULT_NODE_PORT_RANGE: NodePortRange = Object.freeze([30000, 32767] as [number, number]);
