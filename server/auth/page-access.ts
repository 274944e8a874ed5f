import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { headers } from 'next/headers';
import { appDb } from '@/server/db';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { clientAddressFrom } from './client-address';
import { currentUser } from './current-user';
import type { Role } from './roles';
import type { SessionUser } from './session-user';

/**
 * The role check of a page: no session → sign-in; wrong role → an audit event, as for a refused
 * procedure, then `forbidden()`: HTTP 403 with `app/(app)/forbidden.tsx` inside the shell
 * (Next.js `experimental.authInterrupts`, see node_modules/next/dist/docs/…/forbidden.md).
 */
export async function pageAccess(path: string, roles: readonly Role[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  if (!roles.includes(user.role)) {
    const h = await headers();
    await recordAuditEvent(await appDb(), {
      typeCode: AUDIT_TYPES.securityAlert,
      subtype: AUDIT_SUBTYPES.accessDenied,
      action: AUDIT_ACTIONS.read,
      outcome: AUDIT_OUTCOMES.minorFailure,
      outcomeDescription: `role ${user.role} may not open ${path}`,
      agent: { userId: user.id, role: user.role, organisation: user.organisation },
      entity: { type: 'page', path },
      clientAddress: clientAddressFrom(h),
      requestId: h.get('x-request-id'),
    });
    forbidden();
  }
  return user;
}
