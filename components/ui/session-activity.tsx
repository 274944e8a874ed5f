'use client';
import { useEffect } from 'react';
import { getSession } from 'next-auth/react';
import { useRouter } from 'next/navigation';

const REFRESH_EVERY_MS = 5 * 60_000;
const CHECK_EVERY_MS = 60_000;
/** Matches SESSION_LIMITS.idleSeconds on the server. */
const IDLE_MS = 30 * 60_000;

/**
 * Keeps the session alive while the person is active, and only then. The session JWT lives 30 minutes
 * and is re-issued only by a session fetch; server-rendered pages cannot re-issue it. So this fetches on
 * page load (a navigation is activity) and then at most every 5 minutes after a key press, click or
 * scroll. An idle tab loses its session after 30 minutes and is sent to the sign-in page.
 */
export function SessionActivity() {
  const router = useRouter();
  useEffect(() => {
    const ended = () => router.replace('/sign-in?reason=ended');
    let lastActivity = Date.now();
    let lastRefresh = Date.now();
    const refresh = async () => {
      lastRefresh = Date.now();
      if (!(await getSession())) ended();
    };
    void refresh();
    const onActivity = () => {
      lastActivity = Date.now();
    };
    const events = ['keydown', 'pointerdown', 'scroll', 'touchstart'] as const;
    events.forEach((e) => window.addEventListener(e, onActivity, { passive: true }));
    const timer = window.setInterval(() => {
      const now = Date.now();
      if (lastActivity > lastRefresh && now - lastRefresh >= REFRESH_EVERY_MS) void refresh();
      else if (now - lastRefresh >= IDLE_MS) ended();
    }, CHECK_EVERY_MS);
    return () => {
      events.forEach((e) => window.removeEventListener(e, onActivity));
      window.clearInterval(timer);
    };
  }, [router]);
  return null;
}
