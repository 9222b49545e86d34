// A download's Content-Encoding, undone before the bytes reach the cache. The client asks for
// `identity`, but a proxy or a hostile server may compress anyway; a blob must hold the file itself.
import type { Transform } from "node:stream";
import * as zlib from "node:zlib";
import { HubError } from "./errors";

const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(),
  "x-gzip": () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/**
 * The decoders for a `Content-Encoding` header, in the order to apply them (the header lists the
 * encodings in the order they were applied); an empty list for none or `identity`.
 */
export function contentDecoders(header: string | undefined, label: string): Transform[] {
  const encodings = (header ?? "")
    .split(",")
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== "" && e !== "identity");
  const unknown = encodings.filter((e) => !(e in DECODERS));
  if (unknown.length > 0)
    throw new HubError(
      `The server sent ${label} with Content-Encoding '${header}', which cannot be decoded (known: gzip, deflate, br), so nothing was stored. ` +
        `Check HF_ENDPOINT and any proxy in between.`,
    );
  return encodings.reverse().map((e) => DECODERS[e]());
}
