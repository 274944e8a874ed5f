import { redirect } from 'next/navigation';
import { currentUser } from '@/server/auth/current-user';
import { ROLE_HOME } from '@/server/auth/role-home';

export default async function Home() {
  const user = await currentUser();
  redirect(user ? ROLE_HOME[user.role] : '/sign-in');
}
