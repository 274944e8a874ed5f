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
