/**
 * The handler behind each contract channel. Handlers know nothing about Electron: the shell, the
 * CLI and the browser test harness all build them here, so every caller reaches the same code.
 */
import { runDoctor } from '../doctor/doctor.ts';
import type { DoctorReport } from '../doctor/report.ts';
import type { IpcHandlers } from './dispatcher.ts';

export interface HandlerDeps {
  /** The application version (Electron: `app.getVersion()`; elsewhere: package.json). */
  readonly appVersion: string;
  /** Options for `doctor:run`; by default the model check runs too (it takes about a second). */
  readonly doctor?: { readonly skipModel?: boolean };
  /** Replaces the doctor (tests only). */
  readonly runDoctor?: (options?: { skipModel?: boolean }) => Promise<DoctorReport>;
}

export function createHandlers(deps: HandlerDeps): IpcHandlers {
  const doctor = deps.runDoctor ?? runDoctor;
  const skipModel = deps.doctor?.skipModel ?? false;
  return {
    'doctor:run': () => doctor({ skipModel }),
    'app:info': () => ({
      name: 'Airlock',
      version: deps.appVersion,
      versions: {
        node: process.versions.node,
        electron: process.versions['electron'] ?? null,
        chrome: process.versions['chrome'] ?? null,
      },
    }),
  };
}
