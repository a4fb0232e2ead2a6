// The local Databricks Apps proxy: see server.ts.
export { LOGIN_PATH, LOGOUT_PATH } from "./login-page.js";
export { type AppsProxy, type ProxyOptions, startProxy } from "./server.js";
