// How much one multipart upload may carry, and what the answer says when a form passes a limit.
// A form's parts arrive one at a time, so their number is known only when a limit is passed:
// the files before it were handled (the answer lists each one), the rest is never read.
import { AppError } from "../../errors/app-error.js";

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

export const tooManyFiles = () =>
  new AppError(
    413,
    "TOO_MANY_FILES",
    `The form has more than ${files} files, the most one upload request may carry; no file after the ${files}th was uploaded.`,
  );

export const tooManyFields = () =>
  new AppError(
    413,
    "TOO_MANY_FIELDS",
    `The form has more than ${fields} fields; nothing after the ${fields}th field was read or uploaded.`,
  );

export const tooManyParts = () =>
  new AppError(
    413,
    "TOO_MANY_PARTS",
    `The form has more than ${parts} parts; nothing after the ${parts}th part was read or uploaded.`,
  );

const PARSER_ERRORS: Readonly<Record<string, () => AppError>> = {
  FST_FILES_LIMIT: tooManyFiles,
  FST_FIELDS_LIMIT: tooManyFields,
  FST_PARTS_LIMIT: tooManyParts,
};

/** The parts, stopped at the first one past a limit with an error that names the limit. */
export async function* withinLimits<T extends { type: string }>(source: AsyncIterable<T>): AsyncGenerator<T> {
  let fieldCount = 0;
  let partCount = 0;
  try {
    for await (const part of source) {
      partCount += 1;
      if (part.type === "field") fieldCount += 1;
      if (fieldCount > fields) throw tooManyFields();
      if (partCount > parts) throw tooManyParts();
      yield part;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: unknown }).code;
    const named = typeof code === "string" ? PARSER_ERRORS[code] : undefined;
    throw named ? named() : err;
  }
}
