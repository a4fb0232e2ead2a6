// One error listing every configuration problem, so an admin fixes app.yaml once, not once per
// restart. Each problem names the variable and its value, says what was expected and, where it
// can, what was probably meant.

export interface ConfigProblem {
  variable: string;
  /** The raw value, when there is one worth showing. */
  value?: string;
  message: string;
}

const MAX_SHOWN_VALUE = 120;

function showValue(value: string): string {
  const shown = value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE)}…` : value;
  return JSON.stringify(shown);
}

export function formatProblem(problem: ConfigProblem): string {
  const head =
    problem.value === undefined ? problem.variable : `${problem.variable}=${showValue(problem.value)}`;
  // Multi-line messages (policy carets, app.yaml snippets) stay aligned under their bullet.
  return `  - ${head}: ${problem.message.replace(/\n/g, "\n    ")}`;
}

export class ConfigError extends Error {
  override name = "ConfigError";
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      `Invalid configuration (${count}); fix the environment (app.yaml "env") and restart:\n${problems
        .map(formatProblem)
        .join("\n")}`,
    );
    this.problems = problems;
  }
}
