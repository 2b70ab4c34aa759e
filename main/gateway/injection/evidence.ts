/**
 * Evidence goes into security events and audit entries: short, one line, printable ASCII only,
 * so a log viewer can neither be driven by control characters nor carry a whole payload.
 */
export const MAX_EVIDENCE_CHARS = 40;

export function sanitizeEvidence(raw: string): string {
  const flat = raw
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/ {2,}/g, ' ')
    .trim();
  return flat.length <= MAX_EVIDENCE_CHARS ? flat : `${flat.slice(0, MAX_EVIDENCE_CHARS - 3)}...`;
}
