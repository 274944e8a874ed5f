import type { DiabetesMedicine } from '@/server/terminology/medications';

/** The dose the generator prescribes of each diabetes medicine (usual maintenance doses, SmPCs). */
export const SYNTHETIC_DOSES: Record<DiabetesMedicine, string> = {
  metformin: '1000 mg twice daily',
  empagliflozin: '10 mg once daily',
  dapagliflozin: '10 mg once daily',
  semaglutide: '1 mg once weekly s.c.',
  liraglutide: '1.2 mg once daily s.c.',
  sitagliptin: '100 mg once daily',
  gliclazide: '60 mg once daily',
  pioglitazone: '30 mg once daily',
  glargine: '20 units once daily s.c.',
  atorvastatin: '20 mg once daily',
  ramipril: '5 mg once daily',
};
