// A collapsible JSON tree: objects and arrays open to a depth, then on click; long arrays and
// objects show their first entries and a "show more".
import { ChevronDown, ChevronRight } from "lucide-react";
import { useState } from "react";
import { summarise } from "@/features/preview/logic/json-lines";

const PAGE = 100;

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="json-null">null</span>;
  switch (typeof value) {
    case "string":
      return <span className="json-string">{JSON.stringify(value)}</span>;
    case "number":
    case "bigint":
      return <span className="json-number">{String(value)}</span>;
    case "boolean":
      return <span className="json-boolean">{String(value)}</span>;
    default:
      return <span>{String(value)}</span>;
  }
}

interface NodeProps {
  name?: string | number;
  value: unknown;
  depth: number;
  openDepth: number;
}

function JsonNode({ name, value, depth, openDepth }: NodeProps) {
  const container = value !== null && typeof value === "object";
  const [open, setOpen] = useState(depth < openDepth);
  const [shown, setShown] = useState(PAGE);
  const label =
    name === undefined ? null : (
      <span className={typeof name === "number" ? "json-index" : "json-key"}>
        {typeof name === "number" ? name : JSON.stringify(name)}
        <span className="json-punct">: </span>
      </span>
    );
  if (!container) {
    return (
      <li className="json-leaf">
        {label}
        <Scalar value={value} />
      </li>
    );
  }
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value as Record<string, unknown>);
  const [openBracket, closeBracket] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return (
    <li className="json-branch">
      <button type="button" className="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? <ChevronDown size={12} aria-hidden="true" /> : <ChevronRight size={12} aria-hidden="true" />}
        {label}
        {open ? (
          <span className="json-punct">{openBracket}</span>
        ) : (
          <span className="json-summary">{summarise(value)}</span>
        )}
      </button>
      {open && (
        <>
          <ul className="json-children">
            {entries.slice(0, shown).map(([key, child]) => (
              <JsonNode key={key} name={key} value={child} depth={depth + 1} openDepth={openDepth} />
            ))}
            {entries.length > shown && (
              <li>
                <button type="button" className="btn btn-small" onClick={() => setShown(shown + PAGE * 5)}>
                  Show more ({(entries.length - shown).toLocaleString()} left)
                </button>
              </li>
            )}
          </ul>
          <span className="json-punct json-close">{closeBracket}</span>
        </>
      )}
    </li>
  );
}

export function JsonTree({
  value,
  openDepth = 2,
  label,
}: {
  value: unknown;
  openDepth?: number;
  label: string;
}) {
  return (
    <ul className="json-tree" aria-label={label} data-testid="json-tree">
      <JsonNode value={value} depth={0} openDepth={openDepth} />
    </ul>
  );
}
