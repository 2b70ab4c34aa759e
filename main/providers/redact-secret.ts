/**
 * A secret (an API key) removed from text a server sent back, in every form a server commonly
 * echoes it: as is, JSON-escaped (`"` and `\` become `\"` and `\\`), URL-encoded and HTML-escaped.
 * A key file may hold any printable ASCII, so each form can differ from the key itself.
 */
const HTML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function redactSecret(text: string, secret: string | undefined, mark = '[redacted]'): string {
  if (secret === undefined || secret === '') return text;
  const forms = new Set([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    encodeURI(secret),
    secret.replace(/[&<>"']/g, (c) => HTML[c] ?? c),
  ]);
  // Longest first, so a form that contains another is removed whole.
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(mark);
  return out;
}
