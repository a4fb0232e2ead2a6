// Everything without a previewer: a clear "no preview" (the Download button is right above).
// Text that is not UTF-8 (UTF-16 with a byte-order mark, Latin-1…) is recognised from its
// first 4 KiB and can be shown anyway, decoded as what it looks like.

import { mimeEssence } from "@shared/content-types";
import { useState } from "react";
import { useChunks } from "../data/use-bytes";
import { type ByteSniff, decodeAs, sniffBytes } from "../logic/text-decoding";
import { CodeView } from "./text/code-view";
import { Notice, ViewerLoading } from "./viewer-parts";
import type { ViewerProps } from "./viewer-props";

const SNIFF_BYTES = 4096;
const SHOW_BYTES = 256 * 1024;

const ENCODING_NAMES: Readonly<Record<Exclude<ByteSniff, "binary" | "utf-8">, string>> = {
  "utf-16le": "UTF-16",
  "utf-16be": "UTF-16",
  "8-bit": "a legacy 8-bit encoding (shown as Windows-1252)",
};

/** Types whose bytes may be text after all (the server found them not to be UTF-8). */
function mayBeText(contentType: string): boolean {
  const essence = mimeEssence(contentType);
  return (
    essence.startsWith("text/") ||
    essence.includes("json") ||
    essence.endsWith("xml") ||
    essence === "application/octet-stream"
  );
}

export default function BinaryViewer({ source, preview }: ViewerProps) {
  const probe = mayBeText(preview.contentType ?? "") && source.canRaw && source.size > 0;
  const head = useChunks(source, SNIFF_BYTES, 1, probe);
  const [show, setShow] = useState(false);
  const sniff = head.chunks[0] ? sniffBytes(head.chunks[0], source.size <= SNIFF_BYTES) : undefined;
  const encoding = sniff === "utf-16le" || sniff === "utf-16be" || sniff === "8-bit" ? sniff : undefined;
  const body = useChunks(source, SHOW_BYTES, 1, show && encoding !== undefined);
  if (probe && head.loading) return <ViewerLoading />;
  if (!encoding) {
    return (
      <div className="viewer" data-testid="no-preview">
        <Notice>
          {mimeEssence(preview.contentType ?? "") === "application/octet-stream"
            ? "This file holds binary data: there is no preview for it."
            : "There is no preview for this type of file."}{" "}
          Download it to open it with a suitable program.
        </Notice>
      </div>
    );
  }
  const bytes = body.chunks[0];
  return (
    <div className="viewer" data-testid="no-preview">
      <Notice tone="warning" testId="encoding-notice">
        This file is not UTF-8 text: it looks like {ENCODING_NAMES[encoding]}.{" "}
        {!show && (
          <button type="button" className="btn btn-small" onClick={() => setShow(true)}>
            Show it anyway
          </button>
        )}
      </Notice>
      {show && !bytes && <ViewerLoading />}
      {bytes && (
        <CodeView
          text={decodeAs(bytes, encoding)}
          language={undefined}
          partial={bytes.length < source.size}
          label={`Contents of ${source.name}`}
        />
      )}
    </div>
  );
}
