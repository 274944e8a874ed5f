import type { ReactNode } from 'react';
import './diabetes.css';

/** The endocrinologist's workspace: its styles, for the panel, the patient page and the model page. */
export default function DiabetesLayout({ children }: { children: ReactNode }) {
  return children;
}
