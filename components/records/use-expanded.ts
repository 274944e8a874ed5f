'use client';
import { useState } from 'react';

/** Which rows of a table are expanded, by key. */
export function useExpanded() {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  return {
    isOpen: (key: string) => open.has(key),
    toggle: (key: string) => setOpen((s) => (s.has(key) ? new Set([...s].filter((k) => k !== key)) : new Set([...s, key]))),
  };
}
