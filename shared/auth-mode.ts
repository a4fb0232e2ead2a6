// How the app calls Unity Catalog for a volume. Shared so the client can explain, for example,
// that a 403 on an on-behalf-of-user volume comes from the user's own grants.
export const AUTH_MODES = ["service-principal", "on-behalf-of-user"] as const;

export type AuthMode = (typeof AUTH_MODES)[number];

export function isAuthMode(value: string): value is AuthMode {
  return (AUTH_MODES as readonly string[]).includes(value);
}
