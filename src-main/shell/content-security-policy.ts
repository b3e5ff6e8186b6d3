/**
 * The renderer's Content Security Policy, sent as a header by the app:// handler (and the preview server) and
 * repeated in index.html's meta tag (a test keeps the two equal). Scripts only from our own origin; styles
 * allow inline attributes because KaTeX and CodeMirror position glyphs with style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
