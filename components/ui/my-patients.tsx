'use client';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';

/** The patients in the clinician's care, each linked to the record merged from the dataspace. */
export function MyPatients() {
  const trpc = useTRPC();
  const t = useTranslations('patients');
  const tErrors = useTranslations('errors');
  const { data, isPending, isError } = useQuery(trpc.care.myPatients.queryOptions());
  return (
    <section className="card" aria-labelledby="my-patients-title">
      <h2 id="my-patients-title">
        {t('title')} {data ? <span className="badge info">{t('count', { count: data.length })}</span> : null}
      </h2>
      {isPending ? <p className="muted">…</p> : null}
      {isError ? <p className="notice danger">{tErrors('generic')}</p> : null}
      {data && data.length === 0 ? <p className="muted">{t('empty')}</p> : null}
      {data && data.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('nationalId')}</th>
              <th scope="col">{t('record')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((id) => (
              <tr key={id}>
                <td className="mono">{id}</td>
                <td>
                  <Link href={`/patients/${id}`} data-testid={`patient-link-${id}`}>
                    {t('open')}
                    <span className="visually-hidden"> {id}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
