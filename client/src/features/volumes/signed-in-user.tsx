import { useMe } from "../../api/me";

export function SignedInUser() {
  const me = useMe();
  if (me.isPending) return <span className="muted">Signing in…</span>;
  if (me.isError) return <span className="muted">Not signed in</span>;
  const label = me.data.isServicePrincipal
    ? "App service principal"
    : (me.data.email ?? me.data.userName ?? me.data.id);
  return (
    <span className="signed-in" data-testid="signed-in-user" title={me.data.id}>
      <span className="avatar" aria-hidden="true">
        {label.slice(0, 1).toUpperCase()}
      </span>
      {label}
    </span>
  );
}
