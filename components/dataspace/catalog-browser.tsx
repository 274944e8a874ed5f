'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import type { TReadableRule } from '@/server/dataspace/consumer/readable-policy';
import { accessRightsWords, ruleWords } from './policy-words';

function Rules({ label, rules }: { label: string; rules: TReadableRule[] }) {
  const tPolicy = useTranslations('policy');
  if (rules.length === 0) return null;
  return (
    <div className="small">
      <span className="muted">{label}: </span>
      {rules.map((r) => ruleWords(r, tPolicy)).join(' · ')}
    </div>
  );
}

/** The datasets each provider offers the app, with HealthDCAT-AP facts and each offer's policy in words. */
export function CatalogBrowser() {
  const trpc = useTRPC();
  const t = useTranslations('dataspace');
  const tPolicy = useTranslations('policy');
  const { data, isPending } = useQuery(trpc.dataspace.catalogs.queryOptions());
  return (
    <section className="card" aria-labelledby="catalogs-title">
      <h2 id="catalogs-title">{t('catalogs')}</h2>
      {isPending ? <p className="muted">…</p> : null}
      {data && data.catalogs.length === 0 ? <p className="muted">{t('noCatalogs')}</p> : null}
      {data?.catalogs.map((c) => (
        <div key={c.providerId} data-testid={`catalog-${c.providerId}`}>
          <h3>{c.providerId}</h3>
          {c.error ? <p className="notice danger">{t('catalogError', { reason: c.error })}</p> : null}
          {c.datasets.map((d) => (
            <div key={d.id} className="dataset">
              <p>
                <strong>{d.title}</strong> <span className="mono muted">{d.id}</span>
                <br />
                <span className="muted small">{d.description}</span>
              </p>
              <p className="small">
                {t('datasetFacts', { records: d.numberOfRecords ?? 0, people: d.numberOfUniqueIndividuals ?? 0, access: accessRightsWords(d.accessRights, tPolicy) })}
                {d.legalBasis.length > 0 ? ` · ${d.legalBasis.join('; ')}` : ''}
              </p>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('purpose')}</th>
                      <th scope="col">{t('roles')}</th>
                      <th scope="col">{t('policy')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.offers.map((o) => (
                      <tr key={o.id}>
                        <td>
                          <span className="badge info">{o.purpose && tPolicy.has(`purposes.${o.purpose}`) ? tPolicy(`purposes.${o.purpose}`) : (o.purpose ?? '—')}</span>
                        </td>
                        <td>{o.roles.map((r) => (tPolicy.has(`roles.${r}`) ? tPolicy(`roles.${r}`) : r)).join(', ')}</td>
                        <td>
                          <Rules label={t('permissions')} rules={o.permissions} />
                          <Rules label={t('prohibitions')} rules={o.prohibitions} />
                          <Rules label={t('duties')} rules={o.duties} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
