import { SignedInUser } from "../features/volumes/signed-in-user";
import { VolumeList } from "../features/volumes/volume-list";

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>Volumes Browser</span>
        </div>
        <SignedInUser />
      </header>
      <main className="app-main">
        <VolumeList />
      </main>
    </div>
  );
}
