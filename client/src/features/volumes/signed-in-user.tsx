// Who is signed in, in the header. On the local workspace it is also the user menu: its Apps
// proxy signs demo users in, so a person can switch user or sign out there (/api/me carries the
// proxy's links). On Databricks people sign in with their workspace account: the app shows who
// they are by email and offers neither. Never an internal id: it means nothing to a person.

import type { MeResponse } from "@shared/api/me";
import { useRef } from "react";
import { useMe } from "@/api/me";
import { MenuButton } from "@/components/ui/menu-button";
import { ApiError } from "@/lib/api-client";

function displayName(me: MeResponse): string {
  if (me.isServicePrincipal) return "App service principal";
  return me.email ?? me.userName ?? "Signed-in user";
}

function Avatar({ name }: { name: string }) {
  return (
    <span className="avatar" aria-hidden="true">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

/** The page the person is on, to come back to after signing in as someone else. */
function here(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

export function SignedInUser() {
  const me = useMe();
  const signOutForm = useRef<HTMLFormElement>(null);
  if (me.isPending) return <span className="muted">Signing in…</span>;
  if (me.isError) {
    // The session ended (signed out in another tab, the local workspace restarted): loading the
    // page again goes through the proxy's sign-in, on Databricks as locally.
    if (me.error instanceof ApiError && me.error.status === 401) {
      return (
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          Sign in
        </button>
      );
    }
    return <span className="muted">Not signed in</span>;
  }
  const name = displayName(me.data);
  const { switchUserUrl, signOutUrl } = me.data;
  if (!switchUserUrl || !signOutUrl) {
    return (
      <span className="signed-in" data-testid="signed-in-user">
        <Avatar name={name} />
        <span className="signed-in-name">{name}</span>
      </span>
    );
  }
  return (
    <div className="user-menu">
      <MenuButton
        label={name}
        icon={<Avatar name={name} />}
        variant="ghost"
        align="end"
        testId="signed-in-user"
        heading={
          <>
            Signed in as <strong>{name}</strong>
          </>
        }
        items={[
          {
            id: "switch-user",
            label: "Switch user",
            onSelect: () => window.location.assign(`${switchUserUrl}?next=${encodeURIComponent(here())}`),
          },
          {
            id: "sign-out",
            label: "Sign out",
            onSelect: () => signOutForm.current?.requestSubmit(),
          },
        ]}
      />
      {/* A real form post, as the proxy's sign-out expects (and checks comes from this origin). */}
      <form ref={signOutForm} method="post" action={signOutUrl} hidden />
    </div>
  );
}
