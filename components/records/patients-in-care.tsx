'use client';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useTRPC } from '@/components/trpc/trpc-provider';
import type { TCareListRow } from '@/server/records/care-list-schema';
import { SourceTags } from './source-tag';
import { ageOn, useRecordFormat, type RecordFormat } from './use-record-format';

type SortKey = 'name' | 'age' | 'sex' | 'problem' | 'result';

/** What each column sorts by; missing values sort last whichever the direction. */
function sortValue(row: TCareListRow, key: SortKey, area: 'diabetes' | 'oncology', f: RecordFormat): string | number | null {
  switch (key) {
    case 'name':
      return row.name;
    case 'age':
      return row.birthDate ? ageOn(row.birthDate) : null;
    case 'sex':
      return row.gender;
    case 'problem':
      return row.mainProblem ? f.name(row.mainProblem.name) : null;
    case 'result':
      return area === 'diabetes' ? (row.hba1c?.mmolMol ?? null) : row.cancer?.stage ? f.name(row.cancer.stage) : null;
  }
}

/**
 * The patients in the clinician's care, each linked to the merged record: name, age, sex, main problem
 * and the latest HbA1c (diabetes) or cancer and stage (oncology), searchable and sortable, with the
 * providers that did not answer named.
 */
export function PatientsInCare({ area }: { area: 'diabetes' | 'oncology' }) {
  const trpc = useTRPC();
  const t = useTranslations('patients');
  const tRecord = useTranslations('record');
  const tErrors = useTranslations('errors');
  const f = useRecordFormat();
  const { data, isPending, isError } = useQuery({ ...trpc.care.myPatients.queryOptions(), refetchOnWindowFocus: false });
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'name', dir: 1 });
  const rows = useMemo(() => {
    const q = query.trim().toLocaleLowerCase(f.tag);
    const shown = (data ?? []).filter((r) => !q || [r.name ?? '', r.nationalId, r.mainProblem ? f.name(r.mainProblem.name) : '', r.cancer ? f.name(r.cancer.name) : ''].some((s) => s.toLocaleLowerCase(f.tag).includes(q)));
    return shown.sort((a, b) => {
      const x = sortValue(a, sort.key, area, f);
      const y = sortValue(b, sort.key, area, f);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), f.tag)) * sort.dir;
    });
  }, [data, query, sort, area, f]);
  const down = [...new Map((data ?? []).flatMap((r) => r.providers.filter((p) => p.status !== 'ok')).map((p) => [p.providerId, p])).values()];
  const locatorDown = (data ?? []).some((r) => !r.locatorOk);
  const columns: Array<{ key: SortKey; label: string }> = [
    { key: 'name', label: t('name') },
    { key: 'age', label: t('age') },
    { key: 'sex', label: t('sex') },
    { key: 'problem', label: t('mainProblem') },
    { key: 'result', label: area === 'diabetes' ? t('latestHba1c') : t('cancerStage') },
  ];
  return (
    <section className="card" aria-labelledby="my-patients-title">
      <h2 id="my-patients-title">
        {t('title')} {data ? <span className="badge info">{t('count', { count: data.length })}</span> : null}
      </h2>
      {isPending ? <p className="muted" aria-live="polite">{tRecord('loading')}</p> : null}
      {isError ? <p className="notice danger">{tErrors('generic')}</p> : null}
      {data && data.length === 0 ? <p className="muted">{t('empty')}</p> : null}
      {locatorDown ? <p className="notice danger" role="status">{tRecord('locatorDown')}</p> : null}
      {down.length > 0 ? (
        <p className="notice danger" role="status" data-testid="list-missing-providers">
          {t('missing', { providers: down.map((p) => `${p.legalName ?? p.providerId} (${tRecord(`status.${p.status}`)})`).join(', ') })}
        </p>
      ) : null}
      {data && data.length > 0 ? (
        <>
          <div className="field list-search">
            <label htmlFor="patient-search">{t('search')}</label>
            <input id="patient-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('searchHint')} />
          </div>
          <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="my-patients-title">
            <table data-testid="patients-in-care">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                      <button type="button" className="sort-button" onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key ? ((-s.dir) as 1 | -1) : 1 }))}>
                        {c.label}
                        <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    </th>
                  ))}
                  <th scope="col">{tRecord('sources')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.nationalId} data-testid={`patient-row-${r.nationalId}`}>
                    <td>
                      <Link href={`/patients/${r.nationalId}`} data-testid={`patient-link-${r.nationalId}`}>
                        {r.name ?? t('unnamed')}
                      </Link>
                      <br />
                      <span className="mono muted small">{r.nationalId}</span>
                    </td>
                    <td>{r.birthDate ? ageOn(r.birthDate) : '—'}</td>
                    <td>{r.gender ? tRecord(`genders.${r.gender === 'female' || r.gender === 'male' ? r.gender : 'other'}`) : '—'}</td>
                    <td data-testid="main-problem">{r.mainProblem ? f.name(r.mainProblem.name) : '—'}</td>
                    <td data-testid="key-result">
                      {area === 'diabetes' ? (
                        r.hba1c ? (
                          <>
                            {f.number(r.hba1c.mmolMol, 0)} mmol/mol{r.hba1c.percent !== null ? ` (${f.number(r.hba1c.percent, 1)} %)` : ''}
                            <br />
                            <span className="muted small">{f.date(r.hba1c.date)}</span>
                          </>
                        ) : (
                          '—'
                        )
                      ) : r.cancer ? (
                        <>
                          {f.name(r.cancer.name)}
                          {r.cancer.stage ? `, ${t('stage', { stage: f.name(r.cancer.stage) })}` : ''}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      <SourceTags sources={[...(r.mainProblem?.sources ?? []), ...(r.hba1c?.sources ?? []), ...(r.cancer?.sources ?? [])]} />
                      {r.providers
                        .filter((p) => p.status !== 'ok')
                        .map((p) => (
                          <span key={p.providerId} className="badge danger">
                            {p.providerId}: {tRecord(`status.${p.status}`)}
                          </span>
                        ))}
                      {/* Consent status where it is not plainly active: withdrawn for this purpose, or partial. */}
                      {r.providers
                        .filter((p) => p.consent === 'withdrawn' || p.consent === 'partial')
                        .map((p) => (
                          <span key={`consent-${p.providerId}`} className={`badge ${p.consent === 'withdrawn' ? 'danger' : 'warning'}`} data-testid={`list-consent-${p.providerId}`}>
                            {p.providerId}: {tRecord(`consent.${p.consent}`)}
                          </span>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length === 0 ? <p className="muted">{t('noMatch')}</p> : null}
        </>
      ) : null}
    </section>
  );
}
