/** A name in each language of the app (the app's locales, written here so terminology imports nothing of the app). */
export interface LocalText {
  en: string;
  fr: string;
}

export type TerminologyLocale = keyof LocalText;

/** Shorthand for a name in both languages. */
export const text = (en: string, fr: string): LocalText => ({ en, fr });
