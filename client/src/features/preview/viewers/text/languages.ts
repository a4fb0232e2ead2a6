// Which highlight.js grammar a file gets, by extension. Only these grammars are bundled (in the
// lazily loaded highlighter chunk): the languages of data work, config and the usual web files.
const BY_EXTENSION: Readonly<Record<string, string>> = {
  py: "python",
  pyi: "python",
  sql: "sql",
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  cts: "typescript",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  json: "json",
  geojson: "json",
  ipynb: "json",
  yaml: "yaml",
  yml: "yaml",
  sh: "bash",
  bash: "bash",
  zsh: "bash",
  scala: "scala",
  sc: "scala",
  r: "r",
  md: "markdown",
  markdown: "markdown",
  html: "xml",
  htm: "xml",
  xhtml: "xml",
  xml: "xml",
  svg: "xml",
  css: "css",
  scss: "scss",
  java: "java",
  kt: "kotlin",
  go: "go",
  rs: "rust",
  toml: "ini",
  ini: "ini",
  cfg: "ini",
  conf: "ini",
  properties: "properties",
  dockerfile: "dockerfile",
  diff: "diff",
  patch: "diff",
  c: "c",
  h: "c",
  cc: "cpp",
  cpp: "cpp",
  hpp: "cpp",
  cs: "csharp",
  rb: "ruby",
  php: "php",
  lua: "lua",
  swift: "swift",
  pl: "perl",
  ps1: "powershell",
  graphql: "graphql",
  gql: "graphql",
  proto: "protobuf",
};

const BY_NAME: Readonly<Record<string, string>> = {
  dockerfile: "dockerfile",
  makefile: "makefile",
};

/** The grammar for a file name, or undefined for plain text (logs, .txt, unknown). */
export function languageFor(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (BY_NAME[lower]) return BY_NAME[lower];
  const dot = lower.lastIndexOf(".");
  return dot > 0 ? BY_EXTENSION[lower.slice(dot + 1)] : undefined;
}
