import { HELPER_IMAGE } from './helper-containers';

/**
 * The unprivileged nginx image `NginxPod` runs under `SecurityProfile.RESTRICTED`: 1.26.3
 * (stable), pinned by digest (the multi-platform index of Docker Hub's
 * `nginxinc/nginx-unprivileged:1.26.3`, as Renovate pins it in public Dockerfiles, e.g.
 * gchq/CyberChef's; not pulled here: `docker buildx imagetools inspect nginxinc/nginx-unprivileged:1.26.3`
 * prints it). A tag can be moved to other content, a digest cannot: it meets
 * `SecurityProfile.restricted({ requireDigest: true })` and checkov's CKV_K8S_43. The Debian
 * variant, whose digest public sources pin, not `-alpine-slim`, for which none could be found.
 * The image removes nginx's `user` directive, moves the pid file and every `*_temp_path` to
 * `/tmp`, listens on 8080, and makes `/var/cache/nginx` and `/etc/nginx` owned by its user and
 * group 0, group-writable: it runs as any user given a writable `/tmp`.
 * @see https://github.com/nginxinc/docker-nginx-unprivileged
 */
export const UNPRIVILEGED_NGINX_IMAGE = 'nginxinc/nginx-unprivileged:1.26.3@sha256:cd83270b8e0019ee7687198a473842b45c1ef31126229d511afd96c8bba625bc';

/**
 * The images the library chooses itself, each pinned by tag and digest: they meet
 * `RestrictedProfileOptions.requireDigest` like any image the user pins.
 */
export const LIBRARY_IMAGES: readonly string[] = Object.freeze([HELPER_IMAGE, UNPRIVILEGED_NGINX_IMAGE]);
