import { createHash } from 'node:crypto';
import { TherapyModelIntegrityError, TherapyModelUnavailableError } from '@/server/diabetes/model/errors';

/**
 * The identity of the model artefact: its version and the SHA-256 of model.onnx, written by training
 * into metrics.json (`artefact`) and model-card.md. A medical-device style check (IEC 62304 asks that
 * the released software item be identified; the EU AI Act Art. 12 asks that each output be traceable
 * to the system version): the server serves only the exact bytes the card and the validation figures
 * describe.
 */
export interface ModelArtefact {
  version: string;
  sha256: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The line training writes into model-card.md; the server reads the hash back from it. */
export function cardIdentityLine(artefact: ModelArtefact): string {
  return `- Artefact: version ${artefact.version}, \`model.onnx\` SHA-256 \`${artefact.sha256}\`.`;
}

const CARD_HASH = /^- Artefact: version (\S+), `model\.onnx` SHA-256 `([0-9a-f]{64})`\.$/m;

function artefactOfMetrics(metricsJson: string): ModelArtefact {
  let parsed: unknown;
  try {
    parsed = JSON.parse(metricsJson);
  } catch {
    throw new TherapyModelUnavailableError('metrics.json is not valid JSON; run `npm run model:train`');
  }
  const a = (parsed as { artefact?: { version?: unknown; sha256?: unknown } } | null)?.artefact;
  if (typeof a?.version !== 'string' || typeof a.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(a.sha256)) {
    throw new TherapyModelUnavailableError('metrics.json names no model version and SHA-256 (artefact); run `npm run model:train`');
  }
  return { version: a.version, sha256: a.sha256 };
}

/**
 * Checks the model bytes against the card and the metrics; returns the verified identity or throws
 * TherapyModelIntegrityError naming both hashes.
 */
export function verifyModelArtefact(input: { onnx: Uint8Array; metricsJson: string; cardMarkdown: string }): ModelArtefact {
  const fromMetrics = artefactOfMetrics(input.metricsJson);
  const card = CARD_HASH.exec(input.cardMarkdown);
  if (!card) throw new TherapyModelUnavailableError('model-card.md states no model version and SHA-256; run `npm run model:train`');
  const [, cardVersion = '', cardSha = ''] = card;
  const actual = sha256Hex(input.onnx);
  if (actual !== cardSha) throw new TherapyModelIntegrityError('model.onnx', actual, cardSha);
  if (cardSha !== fromMetrics.sha256 || cardVersion !== fromMetrics.version) {
    throw new TherapyModelIntegrityError(
      'metrics.json',
      fromMetrics.sha256,
      cardSha,
      `metrics.json (version ${fromMetrics.version}, sha256 ${fromMetrics.sha256}) and model-card.md (version ${cardVersion}, sha256 ${cardSha}) describe different models`,
    );
  }
  return fromMetrics;
}
