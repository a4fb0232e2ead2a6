// Discovers `DATABRICKS_VOLUME_<KEY>` variables the way AppKit does (suffix lower-cased is the
// key; empty values and a bare prefix are skipped) and normalises each to /Volumes/c/s/v.
import type { ConfigProblem } from "./errors.js";

export const VOLUME_PREFIX = "DATABRICKS_VOLUME_";

export interface DiscoveredVolume {
  key: string;
  variable: string;
  path: string;
  fullName: string;
}

const KEY = /^[a-z0-9_-]+$/;
const IDENTIFIER = /^[A-Za-z0-9_-]+$/;

type VolumePathResult = { ok: true; path: string; fullName: string } | { ok: false; reason: string };

export function normaliseVolumePath(raw: string): VolumePathResult {
  const text = raw.trim().replace(/\/+$/, "");
  const expected = "Expected /Volumes/<catalog>/<schema>/<volume> or <catalog>.<schema>.<volume>.";
  let parts: string[];
  if (text.startsWith("/")) {
    const [empty, root, ...rest] = text.split("/");
    if (empty !== "" || root !== "Volumes") {
      const hint = root?.toLowerCase() === "volumes" ? ' ("Volumes" is written with a capital V)' : "";
      return { ok: false, reason: `a volume path starts with /Volumes/${hint}. ${expected}` };
    }
    parts = rest;
    if (parts.length > 3) {
      return {
        ok: false,
        reason: `points inside a volume (${parts.slice(3).join("/")}); only a whole volume can be exposed. ${expected}`,
      };
    }
  } else {
    parts = text.split(".");
  }
  if (parts.length !== 3) {
    return {
      ok: false,
      reason: `has ${parts.length} name part${parts.length === 1 ? "" : "s"}, not 3. ${expected}`,
    };
  }
  const bad = parts.find((part) => !IDENTIFIER.test(part));
  if (bad !== undefined) {
    return {
      ok: false,
      reason: `"${bad}" is not a valid catalog, schema or volume name (letters, digits, "_" and "-" only). ${expected}`,
    };
  }
  return { ok: true, path: `/Volumes/${parts.join("/")}`, fullName: parts.join(".") };
}

export interface Discovery {
  volumes: DiscoveredVolume[];
  /** Every key an admin declared, valid path or not, so its FILES_<KEY>_* settings aren't "unknown" too. */
  declaredKeys: string[];
}

export function discoverVolumes(
  env: Record<string, string | undefined>,
  problems: ConfigProblem[],
): Discovery {
  const byKey = new Map<string, DiscoveredVolume>();
  const declared = new Set<string>();
  for (const [variable, value] of Object.entries(env)) {
    if (!variable.startsWith(VOLUME_PREFIX) || variable === VOLUME_PREFIX) continue;
    if (value === undefined || value.trim() === "") continue;
    const key = variable.slice(VOLUME_PREFIX.length).toLowerCase();
    if (!KEY.test(key)) {
      problems.push({
        variable,
        value,
        message: `the volume key "${key}" may contain only letters, digits, "_" and "-" (it appears in URLs).`,
      });
      continue;
    }
    declared.add(key);
    const earlier = byKey.get(key);
    if (earlier) {
      problems.push({
        variable,
        value,
        message: `volume key "${key}" is already defined by ${earlier.variable}; keys are case-insensitive.`,
      });
      continue;
    }
    const normalised = normaliseVolumePath(value);
    if (!normalised.ok) {
      problems.push({ variable, value, message: normalised.reason });
      continue;
    }
    byKey.set(key, { key, variable, path: normalised.path, fullName: normalised.fullName });
  }
  const volumes = [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  return { volumes, declaredKeys: [...declared] };
}

export const NO_VOLUMES_MESSAGE = `no volume is configured. Add one variable per volume to app.yaml, e.g.
  env:
    - name: DATABRICKS_VOLUME_UPLOADS
      valueFrom: uploads        # the name of the app's volume resource
or, when running locally:
  DATABRICKS_VOLUME_UPLOADS=/Volumes/main/default/uploads npm start`;
