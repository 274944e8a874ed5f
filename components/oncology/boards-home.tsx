'use client';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { useRecordFormat } from '@/components/records/use-record-format';
import { useValidation } from '@/components/ui/use-validation';
import { ZCreateSessionInputSchema } from '@/server/api/routers/oncology/sessions.schema';
import { DISCIPLINE_KEYS, type BoardKey, type Discipline } from '@/server/oncology/boards/board-kinds';
import { CASE_STATES } from '@/server/oncology/boards/case-states';
import { useSessionTime } from './use-board-format';
import './oncology.css';

/** The boards the app ships and their upcoming sessions, with a form to schedule one. */
export function BoardsHome() {
  const trpc = useTRPC();
  const t = useTranslations('oncology');
  const tErrors = useTranslations('errors');
  const f = useRecordFormat();
  const when = useSessionTime();
  const boards = useQuery(trpc.oncology.boards.queryOptions({}));
  const sessions = useQuery(trpc.oncology.sessions.queryOptions({ includePast: false }));
  const boardName = (key: BoardKey) => f.name(boards.data?.find((b) => b.key === key)?.name);
  return (
    <>
      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('sessionsTitle')}</h2>
        {sessions.isError ? <p className="notice danger" role="alert">{tErrors('generic')}</p> : null}
        {sessions.isPending ? <p className="muted">{t('loading')}</p> : null}
        {sessions.data?.length === 0 ? <p className="muted">{t('noSessions')}</p> : null}
        {sessions.data && sessions.data.length > 0 ? (
          <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="sessions-title">
            <table data-testid="sessions">
              <thead>
                <tr>
                  <th scope="col">{t('when')}</th>
                  <th scope="col">{t('board')}</th>
                  <th scope="col">{t('chair')}</th>
                  <th scope="col">{t('casesColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {sessions.data.map((s) => (
                  <tr key={s.id}>
                    <td className="nowrap">
                      <Link href={`/oncology/sessions/${s.id}`}>{when(s.scheduledAt)}</Link>
                    </td>
                    <td>{boardName(s.board)}</td>
                    <td>{s.chairName}</td>
                    <td>
                      {CASE_STATES.filter((state) => (s.cases[state] ?? 0) > 0)
                        .map((state) => t('stateCount', { count: s.cases[state] ?? 0, state: t(`states.${state}`) }))
                        .join(' · ') || t('noCases')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <div className="grid-2">
        <NewSessionForm boards={boards.data ?? []} />
        <section className="card" aria-labelledby="boards-title">
          <h2 id="boards-title">{t('boardsTitle')}</h2>
          <ul className="board-list">
            {boards.data?.map((b) => (
              <li key={b.key}>
                <strong>{f.name(b.name)}</strong>
                <span className="muted small">{t('quorumIs', { disciplines: b.quorum.map((d) => t(`disciplines.${d}`)).join(', ') })}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}

type Member = { name: string; discipline: Discipline };

function NewSessionForm({ boards }: { boards: ReadonlyArray<{ key: BoardKey; name: { en: string; fr: string }; quorum: Discipline[] }> }) {
  const trpc = useTRPC();
  const t = useTranslations('oncology');
  const tErrors = useTranslations('errors');
  const f = useRecordFormat();
  const router = useRouter();
  const queryClient = useQueryClient();
  const validate = useValidation();
  const [board, setBoard] = useState<BoardKey>('thoracic');
  const [scheduledAt, setScheduledAt] = useState('');
  const [members, setMembers] = useState<Member[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.oncology.createSession.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.oncology.sessions.queryKey() });
        router.push(`/oncology/sessions/${id}`);
      },
    }),
  );
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const date = scheduledAt ? new Date(scheduledAt) : null;
    const checked = validate(ZCreateSessionInputSchema, { board, scheduledAt: date, members: members.filter((m) => m.name.trim() !== '') });
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) create.mutate(checked.data);
  }
  const quorum = boards.find((b) => b.key === board)?.quorum ?? [];
  return (
    <section className="card" aria-labelledby="new-session-title">
      <h2 id="new-session-title">{t('newSession')}</h2>
      <form onSubmit={onSubmit} noValidate>
        <div className="form-row">
          <div className="field">
            <label htmlFor="session-board">{t('board')}</label>
            <select id="session-board" value={board} onChange={(e) => setBoard(e.target.value as BoardKey)}>
              {boards.map((b) => (
                <option key={b.key} value={b.key}>
                  {f.name(b.name)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="session-when">{t('when')}</label>
            <input id="session-when" type="datetime-local" value={scheduledAt} onChange={(e) => setScheduledAt(e.target.value)} aria-invalid={errors.scheduledAt ? true : undefined} aria-describedby={errors.scheduledAt ? 'session-when-error' : undefined} />
            {errors.scheduledAt ? (
              <p className="field-error" id="session-when-error">
                {t('pickDate')}
              </p>
            ) : null}
          </div>
        </div>
        <fieldset className="members">
          <legend>{t('members')}</legend>
          <p className="muted small">{t('membersHint', { disciplines: quorum.map((d) => t(`disciplines.${d}`)).join(', ') })}</p>
          {members.map((m, i) => (
            <div className="form-row" key={i}>
              <div className="field">
                <label htmlFor={`member-name-${i}`}>{t('memberName')}</label>
                <input id={`member-name-${i}`} value={m.name} onChange={(e) => setMembers(members.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
              </div>
              <div className="field">
                <label htmlFor={`member-discipline-${i}`}>{t('discipline')}</label>
                <select id={`member-discipline-${i}`} value={m.discipline} onChange={(e) => setMembers(members.map((x, j) => (j === i ? { ...x, discipline: e.target.value as Discipline } : x)))}>
                  {DISCIPLINE_KEYS.map((d) => (
                    <option key={d} value={d}>
                      {t(`disciplines.${d}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          ))}
          <button type="button" className="button secondary small" onClick={() => setMembers([...members, { name: '', discipline: quorum[members.length] ?? 'other' }])}>
            {t('addMember')}
          </button>
        </fieldset>
        {create.isError ? <p className="notice danger" role="alert">{tErrors('generic')}</p> : null}
        <div className="button-row">
          <button type="submit" className="button" disabled={create.isPending}>
            {t('schedule')}
          </button>
        </div>
      </form>
    </section>
  );
}
