import type { Observation } from '@medplum/fhirtypes';
import { nameOfCodings } from '@/server/terminology/concepts';
import type { LocalText } from '@/server/terminology/display';

/** The number of an Observation: a quantity or an integer (ECOG grades are valueInteger). */
export function observationNumber(o: Observation): number | null {
  if (typeof o.valueQuantity?.value === 'number') return o.valueQuantity.value;
  if (typeof o.valueInteger === 'number') return o.valueInteger;
  return null;
}

/** The result of an Observation without a number, in both languages: a code, a string, or its components. */
export function observationText(o: Observation): LocalText | null {
  if (o.valueCodeableConcept) return nameOfCodings(o.valueCodeableConcept.coding, o.valueCodeableConcept.text);
  if (typeof o.valueString === 'string') return { en: o.valueString, fr: o.valueString };
  if (typeof o.valueBoolean === 'boolean') return o.valueBoolean ? { en: 'yes', fr: 'oui' } : { en: 'no', fr: 'non' };
  const parts = (o.component ?? []).map((c) => (c.valueCodeableConcept ? nameOfCodings(c.valueCodeableConcept.coding, c.valueCodeableConcept.text) : null)).filter((p): p is LocalText => p !== null);
  if (parts.length === 0) return null;
  return { en: parts.map((p) => p.en).join(' · '), fr: parts.map((p) => p.fr).join(' · ') };
}

/** When the Observation was made: effective time, else when it was issued. */
export const observationDate = (o: Observation): string | null => o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.effectiveInstant ?? o.issued ?? null;
