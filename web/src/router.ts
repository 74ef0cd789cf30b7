// A small history-API router: the server answers every path without an extension with
// index.html, so these paths can be bookmarked and reloaded.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'home' }
  | { name: 'login' }
  | { name: 'search'; params: URLSearchParams }
  | { name: 'child'; id: number }
  | { name: 'child-audit'; id: number }
  | { name: 'child-lookups'; id: number }
  | { name: 'audit' }
  | { name: 'mash' }
  | { name: 'mash-checks' }
  | { name: 'signposting' }
  | { name: 'notifications' }
  | { name: 'misuse-reviews' }
  | { name: 'users' }
  | { name: 'directory' }
  | { name: 'my-work' }
  | { name: 'dashboard' }
  | { name: 'not-found'; path: string };

export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/login') return { name: 'login' };
  if (path === '/search') return { name: 'search', params: new URLSearchParams(search) };
  if (path === '/audit') return { name: 'audit' };
  if (path === '/mash') return { name: 'mash' };
  if (path === '/mash/checks') return { name: 'mash-checks' };
  if (path === '/signposting') return { name: 'signposting' };
  if (path === '/notifications') return { name: 'notifications' };
  if (path === '/misuse-reviews') return { name: 'misuse-reviews' };
  if (path === '/users') return { name: 'users' };
  if (path === '/directory') return { name: 'directory' };
  if (path === '/my-work') return { name: 'my-work' };
  if (path === '/dashboard') return { name: 'dashboard' };
  let m = /^\/children\/(\d+)$/.exec(path);
  if (m) return { name: 'child', id: Number(m[1]) };
  m = /^\/children\/(\d+)\/audit$/.exec(path);
  if (m) return { name: 'child-audit', id: Number(m[1]) };
  m = /^\/children\/(\d+)\/lookups$/.exec(path);
  if (m) return { name: 'child-lookups', id: Number(m[1]) };
  return { name: 'not-found', path };
}

const CHANGE = 'safehub:navigate';

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

export function currentPath(): string {
  return location.pathname + location.search;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname, location.search));
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return route;
}

/** For <a href> clicks: follow in-app links without a page load (new-tab clicks are left alone). */
export function followLink(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a) return;
  const href = a.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('//') || a.target === '_blank') return;
  e.preventDefault();
  navigate(href);
}
