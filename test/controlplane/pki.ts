/**
 * The certificates and keys of a test control plane, made with `openssl` in a directory of its
 * own: a cluster CA (it signs the API server's serving certificate and every client's), a
 * front-proxy CA and its client (the apiserver's `--requestheader-*` and `--proxy-client-*`
 * settings), and the service-account key pair (the apiserver verifies and signs tokens with it,
 * the controller-manager signs them too). EC P-256 keys: quick to make, accepted everywhere.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The files of one cluster's PKI, absolute paths. */
export interface Pki {
  readonly dir: string;
  readonly caCert: string;
  readonly caKey: string;
  readonly servingCert: string;
  readonly servingKey: string;
  readonly frontProxyCaCert: string;
  readonly frontProxyClientCert: string;
  readonly frontProxyClientKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
  /** The client certificate and key of each user: `admin` (system:masters), the controller-manager, the scheduler. */
  readonly clients: { readonly [user in ClientUser]: { readonly cert: string; readonly key: string } };
}

/** The users the tests' kubeconfigs authenticate as. */
export type ClientUser = 'admin' | 'controller-manager' | 'scheduler';

/** Each user's subject: the CN is the user name, the O its group (kubeadm's names). */
const SUBJECTS: { readonly [user in ClientUser]: string } = {
  'admin': '/O=system:masters/CN=kubernetes-admin',
  'controller-manager': '/CN=system:kube-controller-manager',
  'scheduler': '/CN=system:kube-scheduler',
};

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function ecKey(dir: string, file: string): void {
  openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file]);
}

function ca(dir: string, name: string, cn: string): void {
  ecKey(dir, `${name}.key`);
  openssl(dir, ['req', '-x509', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`, '-days', '2', '-out', `${name}.crt`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature']);
}

/** Makes a key and a certificate signed by the CA `caName`, with the extensions given. */
function signed(dir: string, name: string, caName: string, subject: string, extensions: string[]): void {
  ecKey(dir, `${name}.key`);
  openssl(dir, ['req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`]);
  fs.writeFileSync(path.join(dir, `${name}.ext`), extensions.join('\n') + '\n');
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${caName}.crt`, '-CAkey', `${caName}.key`, '-CAcreateserial',
    '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.crt`]);
}

/** Writes a fresh PKI into `dir` (created) and returns its files. */
export function makePki(dir: string, serviceIp: string): Pki {
  fs.mkdirSync(dir, { recursive: true });
  const p = (f: string) => path.join(dir, f);
  ca(dir, 'ca', 'controlplane-ca');
  signed(dir, 'apiserver', 'ca', '/CN=kube-apiserver', [
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=IP:127.0.0.1,IP:${serviceIp},DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local`,
  ]);
  for (const user of Object.keys(SUBJECTS) as ClientUser[]) {
    signed(dir, `client-${user}`, 'ca', SUBJECTS[user], ['keyUsage=critical,digitalSignature,keyEncipherment', 'extendedKeyUsage=clientAuth']);
  }
  ca(dir, 'front-proxy-ca', 'front-proxy-ca');
  signed(dir, 'front-proxy-client', 'front-proxy-ca', '/CN=front-proxy-client', ['keyUsage=critical,digitalSignature,keyEncipherment', 'extendedKeyUsage=clientAuth']);
  ecKey(dir, 'sa.key');
  openssl(dir, ['pkey', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
  const clients = Object.fromEntries((Object.keys(SUBJECTS) as ClientUser[])
    .map(u => [u, { cert: p(`client-${u}.crt`), key: p(`client-${u}.key`) }])) as Pki['clients'];
  return {
    dir,
    caCert: p('ca.crt'), caKey: p('ca.key'),
    servingCert: p('apiserver.crt'), servingKey: p('apiserver.key'),
    frontProxyCaCert: p('front-proxy-ca.crt'),
    frontProxyClientCert: p('front-proxy-client.crt'), frontProxyClientKey: p('front-proxy-client.key'),
    serviceAccountKey: p('sa.key'), serviceAccountPub: p('sa.pub'),
    clients,
  };
}
