import { getTranslations } from 'next-intl/server';

/** Says plainly that a feature is not built yet, instead of showing a fake. */
export async function NotBuilt({ feature }: { feature: string }) {
  const t = await getTranslations('notBuilt');
  return (
    <section className="card" aria-label={t('badge')}>
      <p>
        <span className="badge warning">{t('badge')}</span>
      </p>
      <p>
        <strong>{feature}</strong>
      </p>
      <p className="muted">{t('body')}</p>
    </section>
  );
}
