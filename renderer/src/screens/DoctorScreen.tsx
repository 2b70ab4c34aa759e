import { useCallback, useEffect, useState } from 'react';
import { AirlockApiError, api, type DoctorCheck, type DoctorReport } from '../api.ts';

type DoctorState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string }
  | { readonly kind: 'done'; readonly report: DoctorReport };

const STATUS_LABEL: Readonly<Record<DoctorCheck['status'], string>> = {
  pass: 'Pass',
  fail: 'Fail',
  info: 'Info',
};

function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof AirlockApiError) return { code: error.code, message: error.message };
  return { code: 'UNEXPECTED', message: 'The doctor could not be reached. Restart Airlock and try again.' };
}

/** Environment checks from `doctor:run`, one row per check, with what to do when one fails. */
export function DoctorScreen() {
  const [state, setState] = useState<DoctorState>({ kind: 'loading' });
  const [run, setRun] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    api.runDoctor().then(
      (report) => current && setState({ kind: 'done', report }),
      (error: unknown) => current && setState({ kind: 'failed', ...describeFailure(error) }),
    );
    return () => {
      current = false;
    };
  }, [run]);

  const rerun = useCallback(() => setRun((count) => count + 1), []);

  return (
    <section className="doctor" aria-labelledby="doctor-title" aria-busy={state.kind === 'loading'}>
      <div className="doctor__heading">
        <h2 id="doctor-title">System check</h2>
        <button type="button" className="button" onClick={rerun} disabled={state.kind === 'loading'}>
          Run again
        </button>
      </div>

      {state.kind === 'loading' && (
        <p className="doctor__loading" role="status">
          Checking this machine…
        </p>
      )}

      {state.kind === 'failed' && (
        <div className="doctor__error" role="alert" data-error-code={state.code}>
          <p className="doctor__error-title">The system check could not run.</p>
          <p>{state.message}</p>
        </div>
      )}

      {state.kind === 'done' && (
        <>
          <p className={`doctor__summary doctor__summary--${state.report.ok ? 'ok' : 'failed'}`} role="status">
            {state.report.ok
              ? 'Every required check passed.'
              : 'Some checks failed: follow the remedy on each failed line.'}
          </p>
          <table className="doctor__table">
            <thead>
              <tr>
                <th scope="col">Check</th>
                <th scope="col">Status</th>
                <th scope="col">Detail</th>
                <th scope="col">What to do</th>
              </tr>
            </thead>
            <tbody>
              {state.report.checks.map((check) => (
                <tr key={check.name} data-check={check.name} data-status={check.status}>
                  <th scope="row">{check.name}</th>
                  <td>
                    <span className={`status status--${check.status}`}>{STATUS_LABEL[check.status]}</span>
                  </td>
                  <td className="doctor__detail">{check.detail}</td>
                  <td className="doctor__remedy">{check.remedy ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
