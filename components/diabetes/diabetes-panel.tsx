'use client';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { useRecordFormat } from '@/components/records/use-record-format';
import type { TPanelInput } from '@/server/api/routers/diabetes/panel.schema';
import type { TPanelRow } from '@/server/diabetes/panel/panel-schema';
import { ConsentBadges } from './consent-badges';

type Query = NonNullable<TPanelInput>;
type SortKey = NonNullable<Query['sort']>;
const FILTERS = ['all', 'aboveTarget', 'careGaps', 'notReviewed'] as const;
const TREND = { up: '↑', down: '↓', same: '→' } as const;

function Hba1cCell({ row }: { row: TPanelRow }) {
  const t = useTranslations('diabetes');
  const f = useRecordFormat();
  if (!row.hba1c) return <span className="muted">{t('panel.noHba1c')}</span>;
  const h = row.hba1c;
  return (
    <>
      <strong className={row.aboveTarget ? 'above-target' : ''}>{f.number(h.mmolMol, 0)}</strong> mmol/mol{h.percent !== null ? <span className="muted"> ({f.number(h.percent, 1)} %)</span> : null}{' '}
      {h.trend ? (
        <span className="trend" title={t(`panel.trend.${h.trend}`)} aria-label={t(`panel.trend.${h.trend}`)}>
          {TREND[h.trend]}
        </span>
      ) : null}
      <br />
      <span className="muted small">{f.date(h.date)}</span>
    </>
  );
}

/**
 * The endocrinologist's panel: every patient in care with the latest HbA1c against the individual goal,
 * current therapy, care gaps, consent per provider and the last review; searched, filtered, sorted and
 * paged on the server, which reads the providers.
 */
export function DiabetesPanel() {
  const trpc = useTRPC();
  const t = useTranslations('diabetes');
  const tRecord = useTranslations('record');
  const tErrors = useTranslations('errors');
  const f = useRecordFormat();
  const [query, setQuery] = useState<Query>({ sort: 'hba1c', direction: 'desc', filter: 'all', page: 1, pageSize: 20 });
  const [search, setSearch] = useState('');
  const input: Query = { ...query, ...(search.trim() ? { search: search.trim() } : {}) };
  const { data, isPending, isError, isFetching } = useQuery({ ...trpc.diabetes.panel.queryOptions(input), placeholderData: keepPreviousData, refetchOnWindowFocus: false });
  const sortBy = (key: SortKey) => setQuery((q) => ({ ...q, sort: key, direction: q.sort === key && q.direction === 'asc' ? 'desc' : 'asc', page: 1 }));
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const down = [...new Map((data?.rows ?? []).flatMap((r) => r.providers.filter((p) => p.status !== 'ok')).map((p) => [p.providerId, p])).values()];
  const header = (key: SortKey | null, label: string) =>
    key ? (
      <th scope="col" aria-sort={query.sort === key ? (query.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => sortBy(key)}>
          {label}
          <span aria-hidden="true">{query.sort === key ? (query.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    ) : (
      <th scope="col">{label}</th>
    );
  return (
    <section className="card" aria-labelledby="panel-title">
      <div className="card-head">
        <h2 id="panel-title">
          {t('panel.title')} {data ? <span className="badge info">{t('panel.count', { count: data.inCare })}</span> : null}
        </h2>
        <Link href="/diabetes/model" className="button secondary small">
          {t('panel.modelLink')}
        </Link>
      </div>
      <div className="panel-controls">
        <div className="field">
          <label htmlFor="panel-search">{t('panel.search')}</label>
          <input id="panel-search" type="search" value={search} onChange={(e) => { setSearch(e.target.value); setQuery((q) => ({ ...q, page: 1 })); }} placeholder={t('panel.searchHint')} />
        </div>
        <div className="field">
          <label htmlFor="panel-filter">{t('panel.filter')}</label>
          <select id="panel-filter" value={query.filter} onChange={(e) => setQuery((q) => ({ ...q, filter: e.target.value as Query['filter'], page: 1 }))}>
            {FILTERS.map((k) => (
              <option key={k} value={k}>
                {t(`panel.filters.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="muted small panel-status" aria-live="polite">
          {isFetching ? tRecord('loading') : data ? t('panel.readIn', { ms: data.elapsedMs }) : null}
        </p>
      </div>
      {isPending ? <p className="muted">{tRecord('loading')}</p> : null}
      {isError ? <p className="notice danger">{tErrors('generic')}</p> : null}
      {down.length > 0 ? (
        <p className="notice danger" role="status" data-testid="panel-missing-providers">
          {t('panel.missing', { providers: down.map((p) => `${p.legalName ?? p.providerId} (${tRecord(`status.${p.status}`)})`).join(', ') })}
        </p>
      ) : null}
      {data && data.inCare === 0 ? <p className="muted">{t('panel.empty')}</p> : null}
      {data && data.inCare > 0 ? (
        <>
          <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="panel-title">
            <table data-testid="diabetes-panel" className="panel-table">
              <thead>
                <tr>
                  {header('name', t('panel.patient'))}
                  {header('age', t('panel.age'))}
                  {header('hba1c', t('panel.hba1c'))}
                  {header(null, t('panel.target'))}
                  {header(null, t('panel.therapy'))}
                  {header('careGaps', t('panel.careGaps'))}
                  {header(null, t('panel.consent'))}
                  {header('lastReview', t('panel.lastReview'))}
                </tr>
              </thead>
              <tbody>
                {data.rows.length === 0 ? (
                  <tr>
                    <td colSpan={8} className="muted">
                      {t('panel.noMatch')}
                    </td>
                  </tr>
                ) : null}
                {data.rows.map((r) => (
                  <tr key={r.nationalId} data-testid={`panel-row-${r.nationalId}`}>
                    <td data-label={t('panel.patient')}>
                      <Link href={`/diabetes/patients/${r.nationalId}`} data-testid={`panel-link-${r.nationalId}`}>
                        {r.name ?? t('panel.unnamed')}
                      </Link>
                      <br />
                      <span className="mono muted small">{r.nationalId}</span>
                    </td>
                    <td data-label={t('panel.age')}>
                      {r.ageYears ?? '—'}
                      {r.sex ? <span className="muted small"> {tRecord(`genders.${r.sex}`)}</span> : null}
                    </td>
                    <td data-label={t('panel.hba1c')}>
                      <Hba1cCell row={r} />
                    </td>
                    <td data-label={t('panel.target')} className="nowrap">
                      {t('panel.targetValue', { mmolMol: r.target.mmolMol, percent: f.number(r.target.percent, 1) })}
                    </td>
                    <td data-label={t('panel.therapy')}>
                      {r.therapy.length === 0 ? <span className="muted">{t('panel.noTherapy')}</span> : (
                        <ul className="plain-list">
                          {r.therapy.map((m) => (
                            <li key={m.name}>{m.name}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td data-label={t('panel.careGaps')} data-testid="care-gaps">
                      {r.dataIncomplete ? (
                        <span className="badge" title={t('panel.incompleteHint')}>
                          {t('panel.incomplete')}
                        </span>
                      ) : r.careGaps.length === 0 ? <span className="muted">—</span> : (
                        <ul className="plain-list">
                          {r.careGaps.map((g) => (
                            <li key={g.code}>
                              <span className="badge warning" title={g.detail}>
                                {t(`gaps.${g.code}`)}
                              </span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td data-label={t('panel.consent')}>
                      <ConsentBadges providers={r.providers} />
                    </td>
                    <td data-label={t('panel.lastReview')} className="nowrap">{r.lastReview ? f.date(r.lastReview.toISOString()) : <span className="muted">{t('panel.never')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('panel.pages')}>
            <button type="button" className="button secondary small" disabled={query.page === 1} onClick={() => setQuery((q) => ({ ...q, page: Math.max(1, (q.page ?? 1) - 1) }))}>
              {t('panel.previous')}
            </button>
            <span className="muted small">{t('panel.pageOf', { page: data.page, pages, total: data.total })}</span>
            <button type="button" className="button secondary small" disabled={data.page >= pages} onClick={() => setQuery((q) => ({ ...q, page: (q.page ?? 1) + 1 }))}>
              {t('panel.next')}
            </button>
          </nav>
        </>
      ) : null}
    </section>
  );
}
