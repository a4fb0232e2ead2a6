import type { FastifyInstance } from "fastify";
import { MeResponse } from "../../shared/api/me.js";
import { callerOf } from "../identity/caller.js";
import { signInLinks } from "../identity/sign-in-links.js";

export interface MeRouteOptions {
  /** The service principal's id, for requests that reach the app without the Apps proxy. */
  servicePrincipalId: () => string;
}

export async function meRoutes(app: FastifyInstance, options: MeRouteOptions): Promise<void> {
  app.get("/api/me", { schema: { response: { 200: MeResponse } } }, async (request) => {
    const caller = callerOf(request);
    if (!caller.isUser) {
      return { id: options.servicePrincipalId(), isServicePrincipal: true, hasUserToken: false };
    }
    return {
      id: caller.userId ?? caller.email ?? "",
      email: caller.email,
      userName: caller.userName,
      isServicePrincipal: false,
      hasUserToken: Boolean(caller.accessToken),
      ...signInLinks(request.headers),
    };
  });
}
