// The user switcher a person sees in the local workspace, in place of the workspace sign-in.
import type { LocalUser } from "../principals.js";

export const LOGIN_PATH = "/.proxy/login";
export const LOGOUT_PATH = "/.proxy/logout";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function initials(name: string): string {
  const parts = name.split(/\s+/).filter((p) => p.length > 0);
  return parts
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? "")
    .join("");
}

export interface LoginPageModel {
  users: LocalUser[];
  current: LocalUser | undefined;
  next: string;
  origin: string;
  error?: string;
}

const STYLE = `
:root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --text: #1b1f24; --muted: #5d6670;
  --border: #dde1e6; --accent: #1f6feb; --hover: #f0f4fa; --badge: #e7f0fe; --err: #b42318; }
@media (prefers-color-scheme: dark) { :root { --bg: #0f1115; --card: #171a21; --text: #e6e9ef;
  --muted: #9aa3ad; --border: #2a2f3a; --accent: #5b9dff; --hover: #1e2430; --badge: #1d2a40; --err: #ff7b72; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { width: min(440px, calc(100vw - 32px)); background: var(--card); border: 1px solid var(--border);
  border-radius: 12px; padding: 28px; box-shadow: 0 8px 24px rgb(0 0 0 / 0.06); }
h1 { font-size: 20px; margin: 0 0 4px; }
p { margin: 0 0 16px; color: var(--muted); }
ul { list-style: none; margin: 0 0 20px; padding: 0; display: grid; gap: 8px; }
form { margin: 0; }
button.user { width: 100%; display: flex; align-items: center; gap: 12px; padding: 10px 12px; text-align: left;
  background: none; color: inherit; font: inherit; border: 1px solid var(--border); border-radius: 8px; cursor: pointer; }
button.user:hover, button.user:focus-visible { background: var(--hover); border-color: var(--accent); outline: none; }
.avatar { flex: none; width: 36px; height: 36px; border-radius: 50%; display: grid; place-items: center;
  background: var(--badge); color: var(--accent); font-weight: 600; font-size: 14px; }
.who { display: grid; min-width: 0; flex: 1; }
.email { color: var(--muted); font-size: 13px; overflow: hidden; text-overflow: ellipsis; }
.current { font-size: 12px; color: var(--accent); border: 1px solid var(--accent); border-radius: 999px; padding: 0 8px; }
.error { color: var(--err); }
footer { border-top: 1px solid var(--border); padding-top: 14px; font-size: 13px; color: var(--muted); }
footer p { margin: 0 0 6px; font-size: 13px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--hover); padding: 1px 4px; border-radius: 4px; }
code.cmd { display: block; margin-top: 4px; padding: 6px 8px; white-space: nowrap; overflow-x: auto; }
a { color: var(--accent); }
@media (max-width: 480px) { body { place-items: start center; padding-top: 16px; } main { padding: 20px; } }
`;

function userButton(user: LocalUser, model: LoginPageModel): string {
  const isCurrent = model.current?.userName === user.userName;
  return `<li><form method="post" action="${LOGIN_PATH}">
<input type="hidden" name="user" value="${escapeHtml(user.userName)}">
<input type="hidden" name="next" value="${escapeHtml(model.next)}">
<button class="user" type="submit"><span class="avatar" aria-hidden="true">${escapeHtml(initials(user.displayName || user.userName))}</span>
<span class="who"><strong>${escapeHtml(user.displayName || user.userName)}</strong><span class="email">${escapeHtml(user.userName)}</span></span>
${isCurrent ? '<span class="current">signed in</span>' : ""}</button>
</form></li>`;
}

export function renderLoginPage(model: LoginPageModel): string {
  const example = model.users[0]?.userName.split("@")[0] ?? "alice";
  const signedIn = model.current
    ? `<p>Signed in as <strong>${escapeHtml(model.current.userName)}</strong> · <a href="${LOGOUT_PATH}">Sign out</a></p>`
    : "";
  const users =
    model.users.length > 0
      ? `<ul>${model.users.map((u) => userButton(u, model)).join("\n")}</ul>`
      : '<p class="error">No users are defined: add some to principals.json.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · local workspace</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Choose a user</h1>
<p>The app receives this user's identity and access token, as it would behind the Databricks Apps proxy.</p>
${model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>` : ""}
${signedIn}
${users}
<footer>
<p>This page exists only in the local workspace. On Databricks, people sign in with their workspace account.</p>
<p>Scripts sign in with an empty password: <code class="cmd">curl -u ${escapeHtml(example)}: ${escapeHtml(model.origin)}/</code></p>
</footer>
</main>
</body>
</html>
`;
}
