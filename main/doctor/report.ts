/** One line of `airlock doctor`: what was checked, how it went, and what to do if it failed. */
export interface DoctorCheck {
  readonly name: string;
  readonly status: 'pass' | 'fail' | 'info';
  readonly detail: string;
  /** What the person should do; present when status is 'fail' (and for some 'info' lines). */
  readonly remedy?: string;
}

export interface DoctorReport {
  readonly checks: readonly DoctorCheck[];
  /** True when no check failed ('info' lines never fail the report). */
  readonly ok: boolean;
}
