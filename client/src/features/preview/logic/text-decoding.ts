// Turning byte ranges of a file into text for the previews: strictly UTF-8, chunk after chunk,
// with a multi-byte character cut at a range boundary carried over to the next range, and a
// verdict for bytes that are not UTF-8 text at all (binary, UTF-16, a legacy 8-bit encoding).

export type TextProblem =
  /** NUL bytes or many control characters: not text. */
  | "binary"
  /** No NUL bytes, but not valid UTF-8 (Latin-1, Windows-1252, Shift-JIS…). */
  | "encoding";

export interface DecodedText {
  text: string;
  /** Why decoding stopped early; `text` then holds what decoded before the problem. */
  problem?: TextProblem;
  /** Byte offset (from the first chunk) of the chunk where the problem was found. */
  problemAt?: number;
}

/**
 * Decodes consecutive chunks of one file from its start. `endOfFile` says whether the last
 * chunk ends the file: if it does not, an incomplete character at its end is held back (it
 * completes with the next chunk) instead of failing the strict decoder.
 */
export function decodeChunks(chunks: readonly Uint8Array[], endOfFile: boolean): DecodedText {
  // `fatal`: a wrong character is a notice, never a silent U+FFFD in data someone is checking.
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const parts: string[] = [];
  let offset = 0;
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] as Uint8Array;
    if (chunk.includes(0)) return { text: parts.join(""), problem: "binary", problemAt: offset };
    const last = i === chunks.length - 1;
    try {
      parts.push(decoder.decode(chunk, { stream: !(last && endOfFile) }));
    } catch {
      return { text: parts.join(""), problem: classify(chunk), problemAt: offset };
    }
    offset += chunk.length;
  }
  return { text: parts.join("") };
}

/** Binary, or text in some other encoding, for bytes that failed to decode as UTF-8. */
function classify(bytes: Uint8Array): TextProblem {
  return sniffBytes(bytes, true) === "binary" ? "binary" : "encoding";
}

export type ByteSniff = "utf-8" | "utf-16le" | "utf-16be" | "8-bit" | "binary";

/**
 * What the first bytes of a file look like. UTF-16 is recognised by its byte-order mark only;
 * "8-bit" is text that is not UTF-8 (few control characters, no NUL), which Windows-1252 shows
 * well enough for a look.
 */
export function sniffBytes(bytes: Uint8Array, wholeFile = false): ByteSniff {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes.includes(0)) return "binary";
  let control = 0;
  for (const b of bytes) {
    // Tab, LF, FF, CR and ESC (ANSI colours in logs) are normal in text.
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) control++;
  }
  if (control > bytes.length * 0.05) return "binary";
  try {
    // A cut character at the end of a sample is not a reason to call it something else.
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: !wholeFile });
    return "utf-8";
  } catch {
    return "8-bit";
  }
}

/** Text in an encoding named by `sniffBytes`, for "show it anyway" (never fails). */
export function decodeAs(bytes: Uint8Array, encoding: Exclude<ByteSniff, "binary">): string {
  const label = encoding === "8-bit" ? "windows-1252" : encoding;
  return new TextDecoder(label).decode(bytes);
}

/** Splits text into lines (LF, CRLF or CR), without the line terminators. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}
