// Sanitising HTML from files (rendered Markdown, notebook outputs) before it enters the page:
// DOMPurify removes script, event handlers, forms, frames, styles and javascript: URLs; the hook
// below then sends links to new tabs without an opener and keeps images to this volume's files
// and data: URLs (an external image would leak the reader's visit, and the app's CSP blocks it).
// The app's CSP (script-src 'self') is the second line: even a sanitiser bug cannot run inline
// script here.
import DOMPurify from "dompurify";
import { filesUrl } from "@/api/files/urls";
import { resolveLink } from "@/features/preview/logic/links";
import { browseHref } from "@/lib/browse-url";

export interface HtmlContext {
  volume: string;
  /** Folder of the document, for its relative links and images. */
  baseDir: string;
}

const purify = DOMPurify(window);

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|avif|bmp|ico|svg)$/i;

// Set for the duration of one synchronous sanitize() call, which the hook reads.
let current: HtmlContext | null = null;

function fixLink(a: Element, ctx: HtmlContext) {
  const target = resolveLink(ctx.baseDir, a.getAttribute("href") ?? "");
  if (target.kind === "fragment") return;
  if (target.kind === "other") {
    a.removeAttribute("href");
    return;
  }
  if (target.kind === "volume") {
    const slash = target.path.lastIndexOf("/");
    const href = target.folder
      ? browseHref(ctx.volume, target.path)
      : browseHref(ctx.volume, slash < 0 ? "" : target.path.slice(0, slash), {
          file: target.path.slice(slash + 1),
        });
    a.setAttribute("href", href);
  }
  a.setAttribute("target", "_blank");
  a.setAttribute("rel", "noopener noreferrer");
}

function fixImage(img: Element, ctx: HtmlContext) {
  const src = img.getAttribute("src") ?? "";
  if (/^data:image\//i.test(src.trim())) return;
  const target = resolveLink(ctx.baseDir, src);
  if (target.kind === "volume" && !target.folder && IMAGE_EXTENSIONS.test(target.path)) {
    img.setAttribute("src", filesUrl(ctx.volume, "raw", { path: target.path }));
    return;
  }
  const note = img.ownerDocument.createElement("span");
  note.className = "blocked-image";
  note.textContent = `[image not loaded${img.getAttribute("alt") ? `: ${img.getAttribute("alt")}` : ""}]`;
  note.title = "Only images stored in this volume are shown in previews.";
  img.replaceWith(note);
}

purify.addHook("afterSanitizeAttributes", (node) => {
  if (!current) return;
  if (node.nodeName === "A" && node.hasAttribute("href")) fixLink(node, current);
  else if (node.nodeName === "IMG") fixImage(node, current);
});

const CONFIG = {
  RETURN_DOM_FRAGMENT: true as const,
  FORBID_TAGS: [
    "style",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "iframe",
    "frame",
    "object",
    "embed",
    "link",
    "meta",
    "base",
    "svg",
    "math",
    "audio",
    "video",
    "source",
    "track",
    "picture",
  ],
  FORBID_ATTR: ["style", "srcset", "action", "formaction", "ping", "background", "poster"],
  ALLOW_DATA_ATTR: false,
  // Ids from a file must not shadow the app's own (DOM clobbering): they get a prefix.
  SANITIZE_NAMED_PROPS: true,
};

/** Sanitised HTML as a fragment to insert (never as a string to assign to innerHTML). */
export function sanitizeHtml(html: string, ctx: HtmlContext): DocumentFragment {
  current = ctx;
  try {
    return purify.sanitize(html, CONFIG);
  } finally {
    current = null;
  }
}
