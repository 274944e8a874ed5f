'use client';
import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { ExportEvent, ExportStage } from '@/server/consent/export/assemble-export';
import { exportBundle, exportNdjson, type ExportedResource } from '@/server/consent/export/export-bundle';

type Part = { stage: ExportStage; holder: string; status: string; resources: number; detail: string | null };
type Download = { name: string; href: string; size: number; label: string };

/**
 * "Download my data": reads the export stream, shows each part as it arrives (which provider answered,
 * how many items so far), then offers the FHIR Bundle and one NDJSON file per resource type, and a
 * summary in words. The files are built in the browser from the stream, so the record is read once.
 */
export function RecordExport({ holderNames }: { holderNames: Record<string, string> }) {
  const t = useTranslations('accessLog.export');
  const [state, setState] = useState<'idle' | 'running' | 'done' | 'failed'>('idle');
  const [parts, setParts] = useState<Part[]>([]);
  const [received, setReceived] = useState(0);
  const [summary, setSummary] = useState<Extract<ExportEvent, { type: 'done' }> | null>(null);
  const [downloads, setDownloads] = useState<Download[]>([]);
  const urls = useRef<string[]>([]);
  const name = (id: string) => holderNames[id] ?? id;

  async function run() {
    for (const u of urls.current) URL.revokeObjectURL(u);
    urls.current = [];
    setState('running');
    setParts([]);
    setReceived(0);
    setSummary(null);
    setDownloads([]);
    const resources: ExportedResource[] = [];
    try {
      const response = await fetch('/api/my-data/export?format=stream', { cache: 'no-store' });
      if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let done: Extract<ExportEvent, { type: 'done' }> | null = null;
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += chunk.value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (!line) continue;
          const event = JSON.parse(line) as ExportEvent | { type: 'error'; message: string };
          if (event.type === 'resource') resources.push(event.item);
          else if (event.type === 'progress') setParts((p) => [...p, { stage: event.stage, holder: event.holder, status: event.status, resources: event.resources, detail: event.detail }]);
          else if (event.type === 'done') done = event;
          else throw new Error(event.message);
        }
        setReceived(resources.length);
      }
      if (!done) throw new Error('the export ended early');
      const day = done.at.slice(0, 10);
      const file = (content: string, type: string, fileName: string, label: string): Download => {
        const blob = new Blob([content], { type });
        const href = URL.createObjectURL(blob);
        urls.current.push(href);
        return { name: fileName, href, size: blob.size, label };
      };
      setDownloads([
        file(JSON.stringify(exportBundle(resources, new Date(done.at)), null, 1), 'application/fhir+json', `my-health-record-${day}.json`, t('bundle')),
        ...[...exportNdjson(resources)].map(([type, content]) => file(content, 'application/fhir+ndjson', `${type}.ndjson`, t('ndjson', { type: t.has(`types.${type}`) ? t(`types.${type}`) : type }))),
      ]);
      setSummary(done);
      setState('done');
    } catch {
      setState('failed');
    }
  }

  const stageLabel = (p: Part) => (p.stage === 'record' ? t('partRecord', { holder: name(p.holder) }) : p.stage === 'consents' ? t('partConsents') : t('partLog'));
  return (
    <>
      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title">{t('title')}</h2>
        <p>{t('explain')}</p>
        <button className="button" type="button" onClick={run} disabled={state === 'running'}>
          {state === 'running' ? t('running') : state === 'done' ? t('again') : t('start')}
        </button>
        <div aria-live="polite" data-testid="export-progress">
          {state === 'running' ? <p className="muted">{t('received', { count: received })}</p> : null}
          {parts.length > 0 ? (
            <ul className="export-parts">
              {parts.map((p, i) => (
                <li key={`${p.stage}-${p.holder}-${i}`}>
                  <span className={`badge ${p.status === 'ok' ? 'success' : 'danger'}`}>{t(`status.${p.status}`)}</span> {stageLabel(p)} · {t('items', { count: p.resources })}
                  {p.status !== 'ok' && p.detail ? <span className="muted small"> ({p.detail})</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          {state === 'failed' ? (
            <p className="notice danger" role="alert">
              {t('failed')}
            </p>
          ) : null}
        </div>
      </section>
      {summary ? (
        <section className="card" aria-labelledby="export-files-title" data-testid="export-files">
          <h2 id="export-files-title">{t('files')}</h2>
          <ul className="export-files">
            {downloads.map((d) => (
              <li key={d.name}>
                <a href={d.href} download={d.name}>
                  {d.label}
                </a>{' '}
                <span className="muted small">
                  {d.name} · {t('kb', { kb: Math.max(1, Math.round(d.size / 1024)) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {summary ? (
        <section className="card" aria-labelledby="export-summary-title" data-testid="export-summary">
          <h2 id="export-summary-title">{t('summary')}</h2>
          <p>{t('summaryTotal', { count: summary.total })}</p>
          <h3>{t('byHolder')}</h3>
          <ul>
            {Object.entries(summary.byHolder).map(([holder, n]) => (
              <li key={holder}>
                {name(holder)}: {t('items', { count: n })}
              </li>
            ))}
          </ul>
          <h3>{t('byType')}</h3>
          <ul>
            {Object.entries(summary.byType)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([type, n]) => (
                <li key={type}>
                  {t.has(`types.${type}`) ? t(`types.${type}`) : type}: {n}
                </li>
              ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
