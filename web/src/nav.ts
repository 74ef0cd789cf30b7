// The top bar's links by role: what each role can use, and nothing it cannot.
import type { Route } from './router';
import type { Principal } from './types';

export const readsChildren = (u: Principal) => u.role === 'practitioner' || u.role === 'manager' || u.role === 'safeguarding_lead';
export const readsAudit = (u: Principal) => u.role === 'auditor' || u.role === 'administrator';

/** The top bar's links for a role: [path, label, routes that mark it current]. */
export function navFor(u: Principal): [string, string, Route['name'][]][] {
  const links: [string, string, Route['name'][]][] = [];
  if (readsChildren(u)) {
    links.push(['/search', 'Find a child', ['search', 'home']]);
    links.push(['/my-work', 'My work', ['my-work']]);
    links.push(['/signposting', 'Signposting', ['signposting']]);
    links.push(['/mash', 'MASH', ['mash']]);
    links.push(['/mash/checks', 'Agency checks', ['mash-checks']]);
    links.push(['/notifications', 'Lookups of my children', ['notifications']]);
  }
  if (u.role === 'manager') links.push(['/dashboard', 'Dashboard', ['dashboard']]);
  if (u.role === 'administrator') links.push(['/users', 'Users', ['users', 'home']]);
  if (u.role === 'administrator') links.push(['/directory', 'Directory', ['directory']]);
  if (u.role === 'auditor') links.push(['/audit', 'Audit', ['audit', 'home', 'child-audit']]);
  if (readsAudit(u)) links.push(['/misuse-reviews', 'Misuse reviews', ['misuse-reviews']]);
  return links;
}

