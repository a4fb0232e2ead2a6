export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
export function readReport(kind: "unit" | "e2e", file: string): Counts | undefined;
export function summarise(input: {
  ran: string[];
  failedSteps: string[];
  reports: Partial<Record<string, Counts | undefined>>;
}): { lines: string[]; total: Counts };
