import { notFound } from 'next/navigation';

/**
 * Any address no route matches lands here rather than on Next.js's bare root 404, so it answers 404
 * inside the signed-in shell (`../not-found.tsx`); a visitor without a session is sent to sign in by the
 * shell's layout first.
 */
export default function MissingPage() {
  notFound();
}
