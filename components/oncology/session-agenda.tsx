'use client';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { useRecordFormat } from '@/components/records/use-record-format';
import { useValidation } from '@/components/ui/use-validation';
import { ZNominateInputSchema } from '@/server/api/routers/oncology/nominate.schema';
import type { TRPCClientErrorLike } from '@trpc/client';
import type { AppRouter } from '@/server/api/root';
import { StateBadge } from './state-badge';
import { useSessionTime } from './use-board-format';
import './oncology.css';

/** A session: its board, chair and members, the agenda with each case's state, and the nomination form. */
export function SessionAgenda({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const t = useTranslations('oncology');
  const tErrors = useTranslations('errors');
  const f = useRecordFormat();
  const when = useSessionTime();
  const session = useQuery({ ...trpc.oncology.session.queryOptions({ sessionId }), retry: false });
  const boards = useQuery(trpc.oncology.boards.queryOptions({}));
  if (session.isPending) return <p className="muted">{t('loading')}</p>;
  if (session.isError) return <p className="notice danger" role="alert">{session.error.data?.code === 'NOT_FOUND' ? t('noSuchSession') : tErrors('generic')}</p>;
  const s = session.data;
  const discussed = s.cases.filter((c) => !c.standardOfCare);
  const listed = s.cases.filter((c) => c.standardOfCare);
  const first = discussed.find((c) => c.patientNationalId !== null);
  return (
    <>
      <section className="card" aria-labelledby="session-title">
        <div className="card-head">
          <h2 id="session-title">
            {f.name(boards.data?.find((b) => b.key === s.board)?.name)} — {when(s.scheduledAt)}
          </h2>
          <div className="button-row">
            {first ? (
              <Link className="button" href={`/oncology/cases/${first.id}/present`}>
                {t('present')}
              </Link>
            ) : null}
            <Link className="button secondary" href={`/oncology/sessions/${sessionId}/protocol`}>
              {t('protocol')}
            </Link>
          </div>
        </div>
        <dl className="facts">
          <div>
            <dt>{t('chair')}</dt>
            <dd>{s.chairName}</dd>
          </div>
          <div>
            <dt>{t('members')}</dt>
            <dd>{s.members.length ? s.members.map((m) => `${m.name} (${t(`disciplines.${m.discipline}`)})`).join(', ') : '—'}</dd>
          </div>
        </dl>
      </section>
      <AgendaTable id="agenda" title={t('agenda')} cases={discussed} empty={t('noCases')} />
      {listed.length > 0 ? <AgendaTable id="standard-of-care" title={t('standardOfCareList')} cases={listed} empty="" /> : null}
      <NominateForm sessionId={sessionId} />
    </>
  );
}

type AgendaCase = { id: string; patientNationalId: string | null; question: string | null; state: 'nominated' | 'ready' | 'discussed' | 'follow-up'; nominatedByName: string };

function AgendaTable({ id, title, cases, empty }: { id: string; title: string; cases: AgendaCase[]; empty: string }) {
  const t = useTranslations('oncology');
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {cases.length === 0 ? <p className="muted">{empty}</p> : null}
      {cases.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="group" aria-labelledby={`${id}-title`}>
          <table data-testid={id}>
            <thead>
              <tr>
                <th scope="col">{t('patient')}</th>
                <th scope="col">{t('question')}</th>
                <th scope="col">{t('nominatedBy')}</th>
                <th scope="col">{t('state')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id} data-testid="agenda-case">
                  <td className="mono nowrap">{c.patientNationalId ? <Link href={`/oncology/cases/${c.id}`}>{c.patientNationalId}</Link> : <span className="muted">{t('notInYourCare')}</span>}</td>
                  <td>{c.question ?? '—'}</td>
                  <td>{c.nominatedByName}</td>
                  <td>
                    <StateBadge state={c.state} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function serverMessage(error: TRPCClientErrorLike<AppRouter> | null, t: (key: string) => string, generic: string): string | null {
  if (!error) return null;
  if (error.data?.code === 'CONFLICT') return t('alreadyOnAgenda');
  if (error.data?.code === 'FORBIDDEN') return t('notYourPatient');
  return generic;
}

function NominateForm({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const t = useTranslations('oncology');
  const tErrors = useTranslations('errors');
  const queryClient = useQueryClient();
  const validate = useValidation();
  const patients = useQuery({ ...trpc.care.myPatients.queryOptions(), refetchOnWindowFocus: false });
  const [nationalId, setNationalId] = useState('');
  const [question, setQuestion] = useState('');
  const [standardOfCare, setStandardOfCare] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const nominate = useMutation(
    trpc.oncology.nominate.mutationOptions({
      onSuccess: async () => {
        setQuestion('');
        setNationalId('');
        await queryClient.invalidateQueries({ queryKey: trpc.oncology.session.queryKey({ sessionId }) });
      },
    }),
  );
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(ZNominateInputSchema, { sessionId, nationalId, question, standardOfCare });
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) nominate.mutate(checked.data);
  }
  const rows = patients.data ?? [];
  return (
    <section className="card" aria-labelledby="nominate-title">
      <h2 id="nominate-title">{t('nominate')}</h2>
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="nominate-patient">{t('patient')}</label>
          <select id="nominate-patient" value={nationalId} onChange={(e) => setNationalId(e.target.value)} aria-invalid={errors.nationalId ? true : undefined} aria-describedby={errors.nationalId ? 'nominate-patient-error' : undefined}>
            <option value="">{patients.isPending ? t('loading') : t('choosePatient')}</option>
            {rows.map((p) => (
              <option key={p.nationalId} value={p.nationalId}>
                {p.name ?? p.nationalId} — {p.nationalId}
              </option>
            ))}
          </select>
          {errors.nationalId ? (
            <p className="field-error" id="nominate-patient-error">
              {t('choosePatient')}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="nominate-question">{t('questionForBoard')}</label>
          <textarea id="nominate-question" rows={3} value={question} onChange={(e) => setQuestion(e.target.value)} aria-invalid={errors.question ? true : undefined} aria-describedby={errors.question ? 'nominate-question-error' : undefined} />
          {errors.question ? (
            <p className="field-error" id="nominate-question-error">
              {errors.question}
            </p>
          ) : null}
        </div>
        <div className="field checkbox">
          <input id="nominate-soc" type="checkbox" checked={standardOfCare} onChange={(e) => setStandardOfCare(e.target.checked)} />
          <label htmlFor="nominate-soc">{t('standardOfCare')}</label>
        </div>
        {nominate.isError ? (
          <p className="notice danger" role="alert">
            {serverMessage(nominate.error, t, tErrors('generic'))}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button" disabled={nominate.isPending}>
            {t('nominateButton')}
          </button>
        </div>
      </form>
    </section>
  );
}
