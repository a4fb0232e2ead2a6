export * from "./app-error.js";
export { errorHandler, mapError, sendError } from "./error-handler.js";
