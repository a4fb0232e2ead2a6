// How much one multipart upload may carry, and what the answer says when a form passes a limit.
// A form's parts arrive one at a time, so their number is known only when a limit is passed:
// the files before it were handled (the answer lists each one), the rest is never read.
import { AppError } from "../../errors/app-error.js";
import { tooManyFields, tooManyFiles, tooManyParts } from "../../errors/catalogue.js";

export const MULTIPART_LIMITS = {
  files: 1000,
  fields: 100,
  fieldSize: 64 * 1024,
  parts: 1100,
  headerPairs: 200,
};

/**
 * What the parser is told. Its fields limit is raised only after it has handed over the parts
 * that follow in the same chunk (files included), so fields and parts are counted by
 * withinLimits, one below the parser's, which stops at the first part past ours.
 */
export const PARSER_LIMITS = {
  ...MULTIPART_LIMITS,
  fields: MULTIPART_LIMITS.fields + 1,
  parts: MULTIPART_LIMITS.parts + 1,
};

const { files, fields, parts } = MULTIPART_LIMITS;

const PARSER_ERRORS: Readonly<Record<string, () => AppError>> = {
  FST_FILES_LIMIT: () => tooManyFiles(files),
  FST_FIELDS_LIMIT: () => tooManyFields(fields),
  FST_PARTS_LIMIT: () => tooManyParts(parts),
};

/** The parts, stopped at the first one past a limit with an error that names the limit. */
export async function* withinLimits<T extends { type: string }>(source: AsyncIterable<T>): AsyncGenerator<T> {
  let fieldCount = 0;
  let partCount = 0;
  try {
    for await (const part of source) {
      partCount += 1;
      if (part.type === "field") fieldCount += 1;
      if (fieldCount > fields) throw tooManyFields(fields);
      if (partCount > parts) throw tooManyParts(parts);
      yield part;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: unknown }).code;
    const named = typeof code === "string" ? PARSER_ERRORS[code] : undefined;
    throw named ? named() : err;
  }
}
