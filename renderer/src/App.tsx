import { useEffect, useState } from 'react';
import { api } from './api.ts';
import type { AppInfo } from '../../main/ipc/contract.ts';
import { DoctorScreen } from './screens/DoctorScreen.tsx';

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    let current = true;
    // The version line is a courtesy; the doctor screen reports real failures itself.
    api.appInfo().then(
      (value) => current && setInfo(value),
      () => current && setInfo(null),
    );
    return () => {
      current = false;
    };
  }, []);

  return (
    <div className="app">
      <header className="app__header">
        <h1 className="app__title">Airlock</h1>
        {info && (
          <p className="app__version" data-testid="app-version">
            v{info.version} · Node {info.versions.node}
            {info.versions.electron ? ` · Electron ${info.versions.electron}` : ''}
          </p>
        )}
      </header>
      <main className="app__main">
        <DoctorScreen />
      </main>
    </div>
  );
}
