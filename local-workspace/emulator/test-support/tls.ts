// A throwaway self-signed certificate for 127.0.0.1 and localhost, made with the openssl CLI
// (Node can verify certificates but not issue them). Trusting it is the caller's business:
// `ca` on a client, or NODE_EXTRA_CA_CERTS for a child process.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export interface TestCertificate {
  key: string;
  cert: string;
  /** The certificate's file, for NODE_EXTRA_CA_CERTS. */
  certFile: string;
  dispose(): Promise<void>;
}

export async function createTestCertificate(): Promise<TestCertificate> {
  const dir = await mkdtemp(path.join(tmpdir(), "emulator-tls-"));
  const keyFile = path.join(dir, "key.pem");
  const certFile = path.join(dir, "cert.pem");
  try {
    // prettier-ignore
    await promisify(execFile)(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        keyFile,
        "-out",
        certFile,
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
      ],
      { timeout: 20_000 },
    );
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not create a test certificate with openssl (is it installed?): ${String(err)}`);
  }
  return {
    key: await readFile(keyFile, "utf8"),
    cert: await readFile(certFile, "utf8"),
    certFile,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
