'use client';
import { useTranslations } from 'next-intl';
import type { CaseState } from '@/server/oncology/boards/case-states';

const TONE: Record<CaseState, string> = { nominated: '', ready: 'info', discussed: 'success', 'follow-up': 'warning' };

/** A case's state as a badge, with its name in the user's language. */
export function StateBadge({ state }: { state: CaseState }) {
  const t = useTranslations('oncology');
  return (
    <span className={`badge ${TONE[state]}`} data-testid="case-state" data-state={state}>
      {t(`states.${state}`)}
    </span>
  );
}
