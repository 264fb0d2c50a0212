/** What the receiving mail server found about the sender (RFC 8601 Authentication-Results). */
export type SenderAuthentication = 'pass' | 'fail' | 'none' | 'unchecked';

const methodResult = /(?:^|;)\s*(dmarc|dkim|spf)\s*=\s*([a-z]+)/gi;

/**
 * Reads the Authentication-Results field our own relay added (its authserv-id is configured as
 * trusted; fields from anyone else, including ones the sender wrote, are ignored; the topmost
 * trusted one counts, as the last hop adds it on top). DMARC decides when present; otherwise a
 * DKIM or SPF pass is a pass, and a DKIM or SPF fail with nothing passing is a fail.
 * `unchecked`: no trusted id configured, or the relay added no field.
 */
export function readAuthenticationResults(fields: string[], trustedAuthservIds: string[]): SenderAuthentication {
  if (trustedAuthservIds.length === 0) return 'unchecked';
  const trusted = new Set(trustedAuthservIds.map((id) => id.toLowerCase()));
  const field = fields.find((value) => trusted.has(value.split(';')[0]!.trim().split(/\s+/)[0]!.toLowerCase()));
  if (!field) return 'unchecked';
  const results = new Map<string, string[]>();
  for (const [, method, result] of field.replace(/\([^)]*\)/g, ' ').matchAll(methodResult)) {
    const key = method!.toLowerCase();
    results.set(key, [...(results.get(key) ?? []), result!.toLowerCase()]);
  }
  const dmarc = results.get('dmarc');
  if (dmarc?.length) return dmarc.includes('pass') ? 'pass' : dmarc.some((result) => result === 'fail') ? 'fail' : 'none';
  const others = [...(results.get('dkim') ?? []), ...(results.get('spf') ?? [])];
  if (others.includes('pass')) return 'pass';
  if (others.includes('fail')) return 'fail';
  return 'none';
}
