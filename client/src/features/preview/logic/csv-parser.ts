// A streaming RFC 4180 parser: text arrives in pieces (one per byte range fetched), and a
// quoted field, a doubled quote or a CRLF may be cut anywhere between two pieces. It keeps the
// first `keepRows` records and counts all of them.

export interface CsvParserOptions {
  delimiter: string;
  /** Records kept in `rows`; later ones are only counted. */
  keepRows?: number;
}

export class CsvParser {
  readonly rows: string[][] = [];
  /** Records completed so far (kept or not). */
  count = 0;
  /** Widest record seen so far. */
  maxFields = 0;
  private readonly delimiter: string;
  private readonly keepRows: number;
  private field = "";
  private record: string[] = [];
  private inQuotes = false;
  /** A quote inside a quoted field: either the end of the field or the first of a pair. */
  private quoteSeen = false;
  /** A CR ended the last record: an LF right after it belongs to the same line break. */
  private afterCr = false;
  /** Whether the current record has started (a lone empty line is no record). */
  private started = false;
  /** Whether the field being read began with a quote (so `""` is an empty quoted field). */
  private fieldQuoted = false;

  constructor(options: CsvParserOptions) {
    if ([...options.delimiter].length !== 1) throw new Error("the delimiter must be one character");
    this.delimiter = options.delimiter;
    this.keepRows = options.keepRows ?? Number.POSITIVE_INFINITY;
  }

  push(text: string): void {
    const d = this.delimiter;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (this.afterCr) {
        this.afterCr = false;
        if (c === "\n") continue;
      }
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === '"') {
            this.field += '"';
            continue;
          }
          this.inQuotes = false;
          // Not a pair: the quoted part has ended and `c` is handled as outside quotes.
        } else if (c === '"') {
          this.quoteSeen = true;
          continue;
        } else {
          this.field += c;
          continue;
        }
      }
      if (c === d) {
        this.endField();
      } else if (c === "\n" || c === "\r") {
        if (this.started || this.field !== "") this.endRecord();
        this.afterCr = c === "\r";
      } else if (c === '"' && this.field === "" && !this.fieldQuoted) {
        this.inQuotes = true;
        this.fieldQuoted = true;
        this.started = true;
      } else {
        // A stray quote in an unquoted field is kept as text, as most readers do.
        this.field += c;
        this.started = true;
      }
    }
  }

  /** The end of the file: the last record needs no line break. */
  end(): void {
    if (this.inQuotes && this.quoteSeen) this.inQuotes = false;
    if (this.started || this.field !== "" || this.record.length > 0) this.endRecord();
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = "";
    this.fieldQuoted = false;
    this.started = true;
  }

  private endRecord(): void {
    this.endField();
    this.count++;
    if (this.record.length > this.maxFields) this.maxFields = this.record.length;
    if (this.rows.length < this.keepRows) this.rows.push(this.record);
    this.record = [];
    this.started = false;
    this.inQuotes = false;
    this.quoteSeen = false;
  }
}

/** Parses a whole text at once (sniffing and tests). */
export function parseCsv(text: string, delimiter: string, keepRows?: number): string[][] {
  const parser = new CsvParser({ delimiter, ...(keepRows !== undefined ? { keepRows } : {}) });
  parser.push(text);
  parser.end();
  return parser.rows;
}
