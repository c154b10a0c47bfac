/**
 * The Content-Security-Policy of the renderer, in the app (response header
 * via session.webRequest) and on the web host (HTTP header). Nothing remote:
 * scripts, styles, fonts and connections come from the app itself only.
 * Monaco needs inline styles and its workers (served from 'self' or created
 * from blob: URLs).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
