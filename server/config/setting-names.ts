// Resolves a FILES_* variable name to the setting (and volume) it configures. Volume keys may
// contain "_" (DATABRICKS_VOLUME_RAW_DATA → raw_data), so FILES_RAW_DATA_AUTH is read as the
// longest declared key followed by a known per-volume suffix. No suffix is the "_"-tail of
// another, so at most one reading can succeed.
import { closestMatch } from "./did-you-mean.js";
import { APP_WIDE_FILES_NAMES, PER_VOLUME_SUFFIXES } from "./variables.js";

export const FILES_PREFIX = "FILES_";

export type SettingName =
  | { kind: "app"; name: string }
  | { kind: "volume"; key: string; suffix: string }
  | { kind: "unknown"; message: string };

export function perVolumeVariable(key: string, suffix: string): string {
  return `${FILES_PREFIX}${key.toUpperCase()}_${suffix}`;
}

export function isFilesVariable(name: string): boolean {
  return name.toUpperCase().startsWith(FILES_PREFIX);
}

export function resolveSettingName(name: string, volumeKeys: readonly string[]): SettingName {
  if (APP_WIDE_FILES_NAMES.includes(name)) return { kind: "app", name };
  const longestFirst = [...volumeKeys].sort((a, b) => b.length - a.length);
  for (const key of longestFirst) {
    const prefix = `${FILES_PREFIX}${key.toUpperCase()}_`;
    const suffix = name.slice(prefix.length);
    if (name.startsWith(prefix) && PER_VOLUME_SUFFIXES.includes(suffix))
      return { kind: "volume", key, suffix };
  }
  return { kind: "unknown", message: explainUnknown(name, volumeKeys) };
}

function explainUnknown(name: string, volumeKeys: readonly string[]): string {
  const candidates = [
    ...APP_WIDE_FILES_NAMES,
    ...volumeKeys.flatMap((key) => PER_VOLUME_SUFFIXES.map((suffix) => perVolumeVariable(key, suffix))),
  ];
  const suggestion = closestMatch(name, candidates);
  const hint = suggestion === undefined ? "" : ` Did you mean ${suggestion}?`;
  const configured =
    volumeKeys.length === 0
      ? "No volume is configured."
      : `Configured volume keys: ${volumeKeys.join(", ")}.`;

  const upper = name.toUpperCase();
  const suffix = [...PER_VOLUME_SUFFIXES]
    .sort((a, b) => b.length - a.length)
    .find((s) => upper.endsWith(`_${s}`) && upper.length > FILES_PREFIX.length + s.length + 1);
  if (suffix !== undefined && !APP_WIDE_FILES_NAMES.includes(upper)) {
    const key = upper.slice(FILES_PREFIX.length, -suffix.length - 1);
    const known = volumeKeys.some((k) => k.toUpperCase() === key);
    if (!known) {
      return `configures ${suffix} of a volume "${key.toLowerCase()}", but no DATABRICKS_VOLUME_${key} is set. ${configured}${hint}`;
    }
  }
  const appWide = APP_WIDE_FILES_NAMES.find((n) => upper.endsWith(`_${n.slice(FILES_PREFIX.length)}`));
  if (appWide !== undefined && suggestion === undefined) {
    return `${appWide.slice(FILES_PREFIX.length)} is an app-wide setting, not a per-volume one: set ${appWide}.`;
  }
  if (suggestion !== undefined && suggestion.toUpperCase() === upper) {
    return `variable names are case-sensitive: write ${suggestion}.`;
  }
  if (suggestion !== undefined) return `unknown setting.${hint}`;
  return `unknown setting. Known settings: ${APP_WIDE_FILES_NAMES.join(", ")}, and per volume FILES_<KEY>_{${PER_VOLUME_SUFFIXES.join(",")}}. ${configured}`;
}
