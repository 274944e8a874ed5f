import type { Role } from './roles';

/** Where each role lands after sign-in. */
export const ROLE_HOME: Record<Role, string> = {
  endocrinologist: '/diabetes',
  oncologist: '/oncology',
  patient: '/my-data',
  steward: '/dataspace',
  admin: '/admin',
};

export const NAV_KEYS = ['diabetes', 'oncology', 'myData', 'dataspace', 'audit', 'admin', 'account'] as const;
export type NavKey = (typeof NAV_KEYS)[number];

export const NAV_ITEMS: Record<NavKey, { href: string; roles: readonly Role[] }> = {
  diabetes: { href: '/diabetes', roles: ['endocrinologist'] },
  oncology: { href: '/oncology', roles: ['oncologist'] },
  myData: { href: '/my-data', roles: ['patient'] },
  dataspace: { href: '/dataspace', roles: ['steward'] },
  audit: { href: '/audit', roles: ['steward', 'admin'] },
  admin: { href: '/admin', roles: ['admin'] },
  account: { href: '/account', roles: ['endocrinologist', 'oncologist', 'patient', 'steward', 'admin'] },
};
