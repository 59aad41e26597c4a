import type { Construct } from 'constructs';
import { isPlainObject } from '../core/util';
import { Probe } from '../values/probe';
import type { AppPodProps } from './app-pod';
import { AppPod } from './app-pod';
import { presetWithDefaults } from './pod-defaults';
import type { PresetDefaults, PresetPodProps } from './preset-pod';
import { presetPodProps, presetShapeProblems } from './preset-pod';
import { checkedScope } from './construct-args';
import { FLASK_POD_SHAPE } from './prop-shapes';

/**
 * Props of {@link FlaskPod}.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/
 */
export interface FlaskPodProps extends PresetPodProps {
  /**
   * Image of the main container.
   * @default 'sposigor/app-flask-teste:1' - the tutorial's Flask app
   */
  readonly image?: string;
  /**
   * The port the app listens on. When it differs from 5000, the pod also sets `PORT`,
   * which the app reads.
   * @default 5000 - the app's default port
   */
  readonly port?: number;
  /**
   * Name of the main container.
   * @default 'flask' - the app's framework, as the tutorial calls the pod
   */
  readonly containerName?: string;
  /**
   * Readiness probe of the main container: the Pod gets traffic only while it passes (`false`: none).
   * @default Probe.httpGet('/') - the app's only route, `/`, renders its page with 200
   */
  readonly readiness?: Probe | false;
  /**
   * Liveness probe of the main container: the kubelet restarts it when it fails (`false`: none).
   * @default Probe.tcpSocket() - restarts the app only when its port stops accepting connections
   */
  readonly liveness?: Probe | false;
}

/**
 * The tutorial's Flask app: `sposigor/app-flask-teste:1` on port 5000.
 *
 * The image (`python:3.10-alpine3.15`, no `USER`) runs `python app.py` as root: Flask's
 * development server (`debug=True`) on 0.0.0.0, on the port in `$PORT` (default 5000), with
 * one route, `/`, that renders `templates/index.html`.
 *
 * Probes: readiness is HTTP GET `/` (the app's one route, so a pod gets traffic only once
 * Flask answers it); liveness is a TCP connect to the port, not HTTP. We know the app's source
 * from the tutorial that builds the image, but not the pushed image itself: if `/` ever failed,
 * an HTTP liveness probe would restart the app in a loop, while the readiness probe only holds
 * traffic back (and shows in `kubectl get pods` as not READY). Pass `liveness:
 * Probe.httpGet('/')` for the stricter check, or `false` to drop a probe.
 *
 * By default (`SecurityProfile.AS_BUILT`) the app still runs as root, as built, with seccomp
 * `RuntimeDefault`, no privilege escalation, no capability (see
 * {@link FlaskPod.AS_BUILT_DROPPED_CAPABILITIES}) and no ServiceAccount token (the app never calls
 * the Kubernetes API; `automountServiceAccountToken` or a `serviceAccountName` of its own says otherwise).
 *
 * Under `SecurityProfile.RESTRICTED` it runs as user 10000, group 10000 (a user the image does not
 * define; Python needs none) with a read-only root filesystem and no extra volume: the app and
 * its libraries are world-readable files installed at build time, the development server writes
 * nothing at runtime, and Python skips `__pycache__` writes it cannot make.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/
 */
export class FlaskPod extends AppPod {
  /** The image the tutorial runs. */
  public static readonly DEFAULT_IMAGE = 'sposigor/app-flask-teste:1';
  /** The port the app listens on unless `$PORT` says otherwise. */
  public static readonly DEFAULT_PORT = 5000;
  /** The main container's name. */
  public static readonly DEFAULT_CONTAINER_NAME = 'flask';
  /** The user (and group) the app runs as under `SecurityProfile.RESTRICTED`. */
  public static readonly RESTRICTED_USER = 10000;
  /**
   * The capabilities the app container drops under `SecurityProfile.AS_BUILT` (the default),
   * with {@link FlaskPod.DEFAULT_IMAGE}: all of them, with no privilege escalation. The image runs
   * `python app.py` as root, but root needs no capability for what the app does: it binds port
   * 5000 (above 1024: no `NET_BIND_SERVICE`), reads and writes only root-owned files of the
   * image (`/app`, written by the Dockerfile's `COPY` as root, and `__pycache__` there: no
   * `DAC_OVERRIDE` or `CHOWN`), runs no setuid program and changes no user (no `SETUID`,
   * `SETGID`), and opens no raw socket (no `NET_RAW`). Not verified on a cluster: the pushed
   * image itself, beyond the tutorial's Dockerfile.
   */
  public static readonly AS_BUILT_DROPPED_CAPABILITIES: readonly string[] = Object.freeze(['ALL']);

  constructor(scope: Construct, id: string, props: FlaskPodProps = {}) {
    super(checkedScope('FlaskPod', scope, id, props, new.target === FlaskPod ? FLASK_POD_SHAPE : undefined, false), id, flaskPodProps(presetWithDefaults(scope, props)));
  }
}

/** FlaskPod's props as AppPod props: the main container, `PORT` in step with `port`, and the preset's problems. */
function flaskPodProps(props: FlaskPodProps): AppPodProps {
  const problems = presetShapeProblems(props);
  if (problems === undefined) return props; // not an object: the pod says so
  const port = props.port ?? FlaskPod.DEFAULT_PORT;
  const env = isPlainObject(props.env) ? props.env : undefined;
  const ownPort = env?.PORT;
  // A PORT that is not a string is the container's problem ("a string"), not this one.
  if (typeof ownPort === 'string' && ownPort !== String(port) && (props.image ?? FlaskPod.DEFAULT_IMAGE) === FlaskPod.DEFAULT_IMAGE) {
    problems.push({
      rule: 'preset-image', field: 'env.PORT', value: ownPort,
      allowed: `the container's port, "${port}": the app listens on $PORT, and the probes and Services go to \`port\``,
      fix: 'set `port` instead: it sets PORT',
    });
  }
  // The app binds $PORT: keep it in step with the declared port when the user moves it.
  const withPort = port !== FlaskPod.DEFAULT_PORT && ownPort === undefined && (env !== undefined || props.env === undefined)
    ? { ...env, PORT: String(port) } : props.env;
  return presetPodProps({ ...props, env: withPort }, flaskDefaults(), problems);
}

let defaults: PresetDefaults | undefined;

/** FlaskPod's preset defaults: one frozen object for every pod (a Probe is immutable). */
function flaskDefaults(): PresetDefaults {
  defaults ??= Object.freeze({
    image: FlaskPod.DEFAULT_IMAGE,
    port: FlaskPod.DEFAULT_PORT,
    containerName: FlaskPod.DEFAULT_CONTAINER_NAME,
    readiness: Probe.httpGet('/'),
    liveness: Probe.tcpSocket(),
    restricted: Object.freeze({ runAsUser: FlaskPod.RESTRICTED_USER }),
    asBuilt: (image: string) => (image === FlaskPod.DEFAULT_IMAGE ? { allowPrivilegeEscalation: false, capabilities: { drop: [...FlaskPod.AS_BUILT_DROPPED_CAPABILITIES] } } : undefined),
  });
  return defaults;
}
