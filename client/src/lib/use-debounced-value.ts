import { useEffect, useState } from "react";

/** The value once it has stopped changing for `ms` (e.g. a selection moved with held arrow keys). */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
