import fs from 'node:fs';
import type { Database } from '@/db/client';
import { contractAgreement, contractNegotiation, negotiationHistory } from '@/db/participant/schema/negotiation';
import type { OdrlAgreement, OdrlOffer } from '@/server/dataspace/protocol/dsp-types';
import type { VerifiedParticipant } from '@/server/dataspace/protocol/participant-token';
import type { DatasetDefinition } from '@/server/dataspace/provider/datasets';
import type { ProviderScript } from '@/server/dataspace/provider/provider-script';
import { tckProviderScript } from './tck-provider-actions';

/**
 * "TCK mode" of a provider (DSP_TCK_PROPERTIES set): the Eclipse DSP TCK (conformance/dsp-tck) runs its
 * cases against it with the dataset, offer and agreement ids its .properties file names (dsp-tck README
 * §2.3–2.5), so the provider serves those too, besides its own. Test only: the provider refuses to start
 * in this mode on anything but a loopback address (start-participant.ts).
 *
 * The TCK sends one fixed Authorization header on every request (`dataspacetck.dsp.connector.http.headers
 * .authorization`); it cannot sign this dataspace's single-use participant tokens. So in TCK mode, and only
 * then, that header (DSP_TCK_TOKEN, a random secret the stage generates) stands for one participant,
 * TCK_PARTICIPANT, which the stage enrols at the authority (roles research and consumer) like any other.
 */
export const TCK_PARTICIPANT = 'dsp-tck';

export interface TckMode {
  token: string;
  datasets: DatasetDefinition[];
  agreements: string[];
  /** When the provider takes which of its own steps, per TCK case (tck-provider-actions.ts). */
  script: ProviderScript;
}

/** The TCK's dataset, offer and agreement ids from its properties file. */
export function readTckMode(propertiesFile: string, token: string): TckMode {
  const props = new Map<string, string>();
  for (const line of fs.readFileSync(propertiesFile, 'utf8').split('\n')) {
    const m = /^\s*([A-Za-z0-9_.]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m?.[1] && m[2] !== undefined && !line.trim().startsWith('#')) props.set(m[1], m[2]);
  }
  const datasets = new Map<string, DatasetDefinition>();
  const agreements = new Set<string>();
  for (const [key, value] of props) {
    const dataset = /^(CAT|CN)_(\d\d_\d\d)_DATASETID$/.exec(key);
    // CAT:01-03 asks for a dataset that must not exist ("dataset request not found").
    if (dataset && key !== 'CAT_01_03_DATASETID') {
      const offerId = props.get(`${dataset[1]}_${dataset[2]}_OFFERID`) ?? `${value}:offer`;
      datasets.set(value, tckDataset(value, offerId));
    }
    if (/^TP_\d\d_\d\d_AGREEMENTID$/.test(key)) agreements.add(value);
  }
  // The transfer cases' agreements are on a dataset of their own.
  datasets.set(TCK_TRANSFER_DATASET, tckDataset(TCK_TRANSFER_DATASET, `${TCK_TRANSFER_DATASET}:offer`));
  return { token, datasets: [...datasets.values()], agreements: [...agreements], script: tckProviderScript(props) };
}

const TCK_TRANSFER_DATASET = 'ATP-dataset';

function tckDataset(id: string, offerId: string): DatasetDefinition {
  return {
    key: id,
    iri: id,
    title: `DSP TCK dataset ${id} (test only)`,
    description: 'Served in TCK mode only, for the Eclipse Dataspace Protocol TCK; holds no records.',
    theme: 'TECH',
    accessRights: 'RESTRICTED',
    legalBasis: [],
    personalDataCategories: [],
    codingSystems: [],
    // Offered to the TCK's participant (roles research, consumer) with a bare `use` permission, as the
    // TCK requests it; a case where the provider refuses is scripted (tck-provider-actions.ts).
    offers: [{ purpose: 'HRESCH', roles: ['research', 'consumer'], iri: offerId, unconstrained: true }],
    aggregateOnlyPurposes: [],
  };
}

/** The synthetic participant the TCK's fixed Authorization header stands for. */
export function tckParticipant(): VerifiedParticipant {
  const now = new Date();
  return {
    participantId: TCK_PARTICIPANT,
    jti: 'tck',
    jkt: 'tck',
    credential: { participantId: TCK_PARTICIPANT, legalName: 'Eclipse DSP TCK (test only)', roles: ['research', 'consumer'], jkt: 'tck', jti: 'tck', issuedAt: now, expiresAt: new Date(now.getTime() + 86_400_000) },
  };
}

/** Agreements the transfer cases name, FINALIZED for the TCK's participant (once; a restart keeps them). */
export async function seedTckAgreements(db: Database, provider: string, mode: TckMode): Promise<void> {
  const offer: OdrlOffer = { '@id': `${TCK_TRANSFER_DATASET}:offer`, '@type': 'Offer', target: TCK_TRANSFER_DATASET, permission: [{ action: 'use', constraint: [] }] };
  await db.transaction(async (tx) => {
    for (const id of mode.agreements) {
      const pid = `urn:tck:negotiation:${id}`;
      const inserted = await tx
        .insert(contractNegotiation)
        .values({ pid, role: 'provider', providerPid: pid, consumerPid: `urn:tck:consumer:${id}`, counterpartyId: TCK_PARTICIPANT, state: 'FINALIZED', datasetId: TCK_TRANSFER_DATASET, offerId: offer['@id'], offer, purpose: 'HRESCH', callbackAddress: null, agreementId: id })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) continue;
      await tx.insert(negotiationHistory).values({ pid, fromState: null, toState: 'FINALIZED', event: 'seed', reason: 'seeded for the DSP TCK' });
      const agreement: OdrlAgreement = { '@id': id, '@type': 'Agreement', target: TCK_TRANSFER_DATASET, assigner: provider, assignee: TCK_PARTICIPANT, timestamp: new Date().toISOString(), permission: [{ action: 'use', constraint: [] }] };
      await tx.insert(contractAgreement).values({ id, negotiationPid: pid, assigner: provider, assignee: TCK_PARTICIPANT, target: TCK_TRANSFER_DATASET, purpose: 'HRESCH', policy: agreement, signedAt: new Date(agreement.timestamp) });
    }
  });
}
