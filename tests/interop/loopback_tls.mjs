// A self-signed TLS certificate for 127.0.0.1 (EC P-256, one day, subjectAltName IP:127.0.0.1),
// made with the openssl command line in `dir`, for interop tests that run a server over https on
// loopback. Returns the PEM file paths.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function makeLoopbackCertificate(dir) {
  const certFile = join(dir, 'tls-cert.pem');
  const keyFile = join(dir, 'tls-key.pem');
  const openssl = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
    '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  if (openssl.error || openssl.status !== 0) throw new Error(`openssl: ${openssl.error ?? openssl.stderr}`);
  return { certFile, keyFile };
}
