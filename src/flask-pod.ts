import { Construct } from 'constructs';
import { AppPod } from './app-pod';
import { presetPodProps, PresetPodProps } from './preset-pod';

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
   * @default 'flask'
   */
  readonly containerName?: string;
}

/**
 * The tutorial's Flask app: `sposigor/app-flask-teste:1` on port 5000.
 *
 * The image (`python:3.10-alpine3.15`, no `USER`) runs `python app.py` as root: Flask on
 * 0.0.0.0, on the port in `$PORT` (default 5000).
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

  constructor(scope: Construct, id: string, props: FlaskPodProps = {}) {
    const port = props.port ?? FlaskPod.DEFAULT_PORT;
    // The app binds $PORT: keep it in step with the declared port when the user moves it.
    const env = port !== FlaskPod.DEFAULT_PORT && props.env?.PORT === undefined
      ? { ...props.env, PORT: String(port) }
      : props.env;
    super(scope, id, presetPodProps({ ...props, env }, {
      image: FlaskPod.DEFAULT_IMAGE,
      port: FlaskPod.DEFAULT_PORT,
      containerName: FlaskPod.DEFAULT_CONTAINER_NAME,
    }));
  }
}
