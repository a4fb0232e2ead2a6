// A hand-written PDF 1.4: one A4 page of Helvetica text. The xref table's byte offsets are
// computed from the bytes actually emitted, so strict readers (pdf.js, browsers) accept it
// without falling back to repair mode.

/** Escapes the characters PDF literal strings treat specially. */
function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

export interface PdfText {
  title: string;
  lines: readonly string[];
}

export function simplePdf({ title, lines }: PdfText): Buffer {
  const content = [
    "BT",
    "/F1 20 Tf",
    "72 770 Td",
    `${pdfString(title)} Tj`,
    "/F1 12 Tf",
    "0 -32 Td",
    "16 TL",
    ...lines.map((line) => `${pdfString(line)} '`),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    `<< /Title ${pdfString(title)} /Producer (Volumes Browser demo seed) >>`,
  ];
  // The binary comment line tells transfer tools the file is binary (PDF spec 7.5.2).
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(body, "latin1");
  // Each xref entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, flag, CRLF.
  const entries = offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n\r\n`).join("");
  body +=
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n${entries}` +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}
