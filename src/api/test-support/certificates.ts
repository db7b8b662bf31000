// Certificates made at test time, in-process (no openssl binary): a self-signed one for localhost, and a private CA
// with a localhost certificate it signed (what NODE_EXTRA_CA_CERTS is for).
import { generate } from 'selfsigned';

export interface ServerCertificate {
  key: string;
  cert: string;
}

const LOCALHOST = [{ name: 'commonName', value: 'localhost' }];
// SHA-256 and EC: current OpenSSL builds (Node 26) refuse SHA-1 signatures, selfsigned's default.
const SIGNING = { keyType: 'ec', algorithm: 'sha256' } as const;
type Extensions = NonNullable<NonNullable<Parameters<typeof generate>[1]>['extensions']>;

const SERVER_EXTENSIONS: Extensions = [
  { name: 'basicConstraints', cA: false, critical: true },
  { name: 'keyUsage', digitalSignature: true, critical: true },
  { name: 'extKeyUsage', serverAuth: true },
  { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
];

export async function selfSignedCertificate(): Promise<ServerCertificate> {
  const pems = await generate(LOCALHOST, { ...SIGNING, extensions: SERVER_EXTENSIONS });
  return { key: pems.private, cert: pems.cert };
}

/** `caCert` is the PEM a user would point NODE_EXTRA_CA_CERTS at; `key`/`cert` are the server's. */
export async function privateCa(): Promise<ServerCertificate & { caCert: string }> {
  const ca = await generate([{ name: 'commonName', value: 'aksync test CA' }], {
    ...SIGNING,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate(LOCALHOST, { ...SIGNING, extensions: SERVER_EXTENSIONS, ca: { key: ca.private, cert: ca.cert } });
  return { key: server.private, cert: server.cert, caCert: ca.cert };
}
