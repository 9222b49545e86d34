// Proxies and extra CA certificates from the environment, as Python's requests reads them, so
// downloads work on school and company networks: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either
// case), and REQUESTS_CA_BUNDLE / SSL_CERT_FILE for a network's own certificate authority.
import * as fs from "node:fs";
import * as tls from "node:tls";

function env(name: string): string | undefined {
  return process.env[name] ?? process.env[name.toLowerCase()];
}

/** Whether NO_PROXY exempts this host: `*`, exact names, domain suffixes (`.example.com` or `example.com`), optional `:port`. */
function bypassesProxy(url: URL): boolean {
  const list = env("NO_PROXY");
  if (!list) return false;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return list
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === "*") return true;
      const [name, entryPort] = entry.toLowerCase().replace(/^\*/, "").split(/:(?=\d+$)/);
      if (entryPort && entryPort !== port) return false;
      const bare = name.replace(/^\./, "");
      return host === bare || host.endsWith(`.${bare}`);
    });
}

/** The proxy to use for a URL, or null for a direct connection. */
export function proxyFor(url: URL): URL | null {
  const value = url.protocol === "https:" ? env("HTTPS_PROXY") ?? env("ALL_PROXY") : env("HTTP_PROXY") ?? env("ALL_PROXY");
  if (!value || bypassesProxy(url)) return null;
  return new URL(value.includes("://") ? value : `http://${value}`);
}

/** `Proxy-Authorization` for a proxy URL with user:password, if any. */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username) return undefined;
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(credentials).toString("base64")}`;
}

let cachedCa: { path: string; ca: string[] } | undefined;

/** The trusted CAs: Node's own plus the bundle named by REQUESTS_CA_BUNDLE or SSL_CERT_FILE. */
export function trustedCertificates(): string[] | undefined {
  const bundle = env("REQUESTS_CA_BUNDLE") ?? env("SSL_CERT_FILE");
  if (!bundle) return undefined;
  if (cachedCa?.path !== bundle) cachedCa = { path: bundle, ca: [...tls.rootCertificates, fs.readFileSync(bundle, "utf8")] };
  return cachedCa.ca;
}
