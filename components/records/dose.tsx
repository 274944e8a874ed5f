'use client';
import { useTranslations } from 'next-intl';
import type { TStructuredDose } from '@/server/records/merged-record-schema';
import { unitForPeopleIn } from '@/server/terminology/units';
import { useRecordFormat } from './use-record-format';

/** A dose in the user's language when the provider structured it ("1000 mg, deux fois par jour"), else its own text. */
export function Dose({ dose, text }: { dose: TStructuredDose | null; text: string | null }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  if (!dose) return text ? <>{text}</> : null;
  const words = t('dose', { value: f.number(dose.value), unit: unitForPeopleIn(dose.unit, f.locale), frequency: dose.frequency, periodUnit: dose.period === 1 ? dose.periodUnit : 'other' });
  return <>{dose.route ? `${words}, ${f.name(dose.route)}` : words}</>;
}
