import { HELPER_IMAGE } from './helper-containers';

/**
 * The unprivileged nginx image `NginxPod` runs under `SecurityProfile.RESTRICTED`, pinned to a
 * tag: 1.26.3 (stable), Alpine, slim (nginx, `envsubst`, the entrypoint scripts; no perl or njs
 * modules). The tag is the one nginxinc's own Dockerfile of the full Alpine variant builds
 * `FROM` (docker-nginx-unprivileged, `stable/alpine/Dockerfile`), so it exists on Docker Hub.
 * The image removes nginx's `user` directive, moves the pid file and every `*_temp_path` to
 * `/tmp`, listens on 8080, and makes `/var/cache/nginx` and `/etc/nginx` owned by its user and
 * group 0, group-writable: it runs as any user given a writable `/tmp`.
 * @see https://github.com/nginxinc/docker-nginx-unprivileged
 */
export const UNPRIVILEGED_NGINX_IMAGE = 'nginxinc/nginx-unprivileged:1.26.3-alpine-slim';

/**
 * The images the library chooses itself, each pinned to a tag: exempt from
 * `RestrictedProfileOptions.requireDigest`, which is about the images the user chooses.
 */
export const LIBRARY_IMAGES: readonly string[] = Object.freeze([HELPER_IMAGE, UNPRIVILEGED_NGINX_IMAGE]);
