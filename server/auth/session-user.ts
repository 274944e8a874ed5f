import type { Role } from './roles';

/** Who is signed in, as every server layer sees it. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisation: string | null;
  nationalId: string | null;
}

/** The session's view of a user row (whatever sign-in found it). */
export function toSessionUser(row: SessionUser): SessionUser {
  return { id: row.id, name: row.name, email: row.email, role: row.role, organisation: row.organisation, nationalId: row.nationalId };
}
