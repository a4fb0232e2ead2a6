// PDF, rendered by pdf.js into a canvas, one page at a time.
//
// Why not the browser's own viewer: `raw` answers with `Content-Security-Policy: sandbox`, and
// Chromium refuses to start its PDF viewer in a sandboxed document, so PDF is an attachment
// there. Serving PDF inline *without* the sandbox would let a PDF act as a page of the app's
// origin in browsers whose viewer runs PDF JavaScript or follows its links, which is what the
// sandbox exists to prevent. pdf.js instead parses the bytes in a worker (same origin, allowed
// by the app's `worker-src 'self'`) and draws pixels: no PDF JavaScript runs (no scripting
// sandbox is loaded, no annotation or form layer is rendered), `isEvalSupported: false` keeps
// font programs from being compiled as script (CVE-2024-4367), and WebAssembly decoders are
// off because the app's CSP does not allow WebAssembly. The trade-off: a few exotic image
// codecs (JPX) may not render, and text cannot be selected. Bytes come from Range requests
// within a budget: pdf.js reads every page dictionary of a flat page tree up front, so a huge
// PDF whose pages are spread through the file may exceed it, and is then offered for download.

import { formatSize, MiB } from "@shared/sizes";
import { useQueryClient } from "@tanstack/react-query";
import { ChevronLeft, ChevronRight } from "lucide-react";
import type { PDFDocumentProxy } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";
import { useEffect, useRef, useState } from "react";
import type { FileSource } from "@/features/preview/data/file-source";
import { bytesQueryOptions } from "@/features/preview/data/use-bytes";
import { Notice, ViewerError, ViewerLoading } from "../viewer-parts";
import type { ViewerProps } from "../viewer-props";

/** Below this the whole file is fetched at once; above it pdf.js asks for ranges as it needs. */
const WHOLE_FILE = 2 * MiB;
// Small ranges: pdf.js fetches every page dictionary of a flat page tree up front, and each
// such fetch costs one whole range (a 64 KiB one, not a 1 MiB one).
const RANGE_CHUNK = 64 * 1024;
/** All the ranges one PDF preview may read, however many pages are viewed. */
export const PDF_READ_BUDGET = 16 * MiB;

type QueryClient = ReturnType<typeof useQueryClient>;

async function openPdf(
  source: FileSource,
  client: QueryClient,
  onFail: (error: Error) => void,
): Promise<PDFDocumentProxy> {
  const pdfjs = await import("pdfjs-dist");
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  const bytes = (start: number, end: number) => client.fetchQuery(bytesQueryOptions(source, start, end));
  const safety = { isEvalSupported: false, enableXfa: false, useWasm: false, verbosity: 0 } as const;
  if (source.size <= WHOLE_FILE) {
    // pdf.js takes ownership of (transfers) the buffer it is given: hand it a copy, not the cache's.
    const data = (await bytes(0, source.size)).slice();
    return pdfjs.getDocument({ data, ...safety }).promise;
  }
  const head = await bytes(0, RANGE_CHUNK);
  let read = head.length;
  const transport = new pdfjs.PDFDataRangeTransport(source.size, head.slice());
  transport.requestDataRange = (begin: number, end: number) => {
    read += end - begin;
    if (read > PDF_READ_BUDGET) {
      onFail(
        new Error(
          `this PDF needs more of the file than a preview reads (${formatSize(PDF_READ_BUDGET)}): download it to read it`,
        ),
      );
      return;
    }
    bytes(begin, end).then(
      (chunk) => transport.onDataRange(begin, chunk.slice()),
      (err: unknown) => onFail(err instanceof Error ? err : new Error(String(err))),
    );
  };
  return pdfjs.getDocument({
    range: transport,
    rangeChunkSize: RANGE_CHUNK,
    disableAutoFetch: true,
    disableStream: true,
    ...safety,
  }).promise;
}

function PdfPage({ doc, page, width }: { doc: PDFDocumentProxy; page: number; width: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    let cancelled = false;
    let task: { cancel: () => void } | undefined;
    // Which page the canvas shows once drawn (tests and screen readers wait for it).
    delete canvasRef.current?.dataset.renderedPage;
    doc
      .getPage(page)
      .then(async (p) => {
        const canvas = canvasRef.current;
        if (cancelled || !canvas) return;
        const base = p.getViewport({ scale: 1 });
        const scale = Math.max(0.1, width / base.width);
        const ratio = window.devicePixelRatio || 1;
        const viewport = p.getViewport({ scale: scale * ratio });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
        canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
        const render = p.render({ canvas, viewport });
        task = render;
        await render.promise;
        if (!cancelled) canvas.dataset.renderedPage = String(page);
      })
      .catch((err: unknown) => {
        if (cancelled || (err instanceof Error && err.name === "RenderingCancelledException")) return;
        setError(err instanceof Error ? err : new Error(String(err)));
      });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page, width]);
  if (error) return <ViewerError error={error} />;
  return <canvas ref={canvasRef} className="pdf-page" data-testid="pdf-page" aria-label={`Page ${page}`} />;
}

export default function PdfViewer({ source, mode }: ViewerProps) {
  const client = useQueryClient();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [page, setPage] = useState(1);
  const stageRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    if (!source.canRaw) return;
    let opened: PDFDocumentProxy | undefined;
    let cancelled = false;
    // The first failure is the one worth showing (a destroyed document fails everything after).
    const fail = (err: unknown) => {
      if (!cancelled) setError((shown) => shown ?? (err instanceof Error ? err : new Error(String(err))));
    };
    openPdf(source, client, fail).then((d) => {
      opened = d;
      if (cancelled) void d.destroy();
      else setDoc(d);
    }, fail);
    return () => {
      cancelled = true;
      void opened?.destroy();
    };
  }, [source, client]);
  useEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    // The page fits the stage's content box (its width less the padding on both sides).
    const observer = new ResizeObserver(() => setWidth(Math.max(100, Math.floor(stage.clientWidth - 18))));
    observer.observe(stage);
    return () => observer.disconnect();
  }, []);
  if (!source.canRaw) return <Notice>Viewing this file's contents is not allowed here.</Notice>;
  return (
    <div className="viewer viewer-pdf" data-testid="pdf-viewer">
      {doc && (
        <div className="pdf-toolbar">
          <button
            type="button"
            className="icon-btn"
            aria-label="Previous page"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
          >
            <ChevronLeft size={16} aria-hidden="true" />
          </button>
          <span data-testid="pdf-page-count">
            Page {page} of {doc.numPages}
          </span>
          <button
            type="button"
            className="icon-btn"
            aria-label="Next page"
            disabled={page >= doc.numPages}
            onClick={() => setPage(page + 1)}
          >
            <ChevronRight size={16} aria-hidden="true" />
          </button>
        </div>
      )}
      <div ref={stageRef} className={`pdf-stage pdf-${mode}`}>
        {error ? (
          <ViewerError error={error} />
        ) : doc && width > 0 ? (
          <PdfPage doc={doc} page={page} width={width} />
        ) : (
          <ViewerLoading label="Opening the PDF…" />
        )}
      </div>
    </div>
  );
}
