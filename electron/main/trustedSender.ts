/**
 * Which frames may call the bridge: only DumpDesk's own renderer, never a
 * frame that navigated elsewhere or an embedded page. The renderer is loaded
 * from one known URL (the built index.html, or the Vite dev server).
 */

/** True when `frameUrl` is the renderer at `rendererUrl` (same file folder, or same origin for http). */
export function isTrustedFrameUrl(frameUrl: string | undefined, rendererUrl: string): boolean {
  if (!frameUrl) return false;
  let frame: URL;
  let renderer: URL;
  try {
    frame = new URL(frameUrl);
    renderer = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (renderer.protocol === 'file:') {
    if (frame.protocol !== 'file:') return false;
    const folder = renderer.pathname.slice(0, renderer.pathname.lastIndexOf('/') + 1);
    // Compare decoded, normalised paths so "%2e%2e" tricks cannot climb out of the folder.
    const path = decodeURIComponent(new URL(frame.pathname, 'file:///').pathname);
    return path.startsWith(decodeURIComponent(folder)) && !path.includes('/../');
  }
  return frame.origin === renderer.origin;
}
