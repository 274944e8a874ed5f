import type { TransferEvent } from '@/server/dataspace/protocol/transfer-state-machine';
import type { ProviderNegotiationEvent } from '@/server/dataspace/provider/negotiation-service';
import type { NegotiationStep, ProviderScript, ScriptedStep } from '@/server/dataspace/provider/provider-script';

/**
 * The provider's own steps each provider-side case of the Eclipse DSP TCK (1.0.0-RC6) scripts, by the case
 * whose dataset (CN) or agreement (TP) id the TCK's properties name. Read from the TCK's test classes
 * (dsp-tck, dsp/dsp-contract-negotiation/.../ContractNegotiationProvider0{1,2,3}Test.java and
 * dsp/dsp-transfer-process/.../TransferProcessProvider0{1,2,3}Test.java: the `recordXxxAction(ProviderActions::…)`
 * lines), as Eclipse EDC's TCK extension maps the same ids to its provider's actions. A case not listed,
 * or a step not listed for a case, keeps the provider's default; `[]` holds the process there.
 * Every step is a transition the DSP state machines allow the provider (negotiation-service.ts,
 * transfer-service.ts); this file only says when to take it.
 */
const NEGOTIATION_CASES: Record<string, Partial<Record<NegotiationStep, ReadonlyArray<ScriptedStep<ProviderNegotiationEvent>>>>> = {
  CN_01_01: { requested: ['offer'] },
  CN_01_02: { requested: ['offer'], 'counter-requested': ['terminate'] },
  CN_01_03: { requested: ['offer'] },
  // CN_01_04: the defaults (agree at once, finalize the verified agreement).
  CN_02_01: { requested: ['terminate'] },
  CN_02_02: { requested: [] },
  // CN_02_03: the default (agree at once); the consumer terminates.
  CN_02_04: { requested: ['offer'] },
  CN_02_05: { requested: ['offer', 'pause', 'terminate'] },
  CN_02_06: { requested: ['offer'], accepted: ['terminate'] },
  CN_02_07: { verified: ['terminate'] },
  // CN_03_01: the defaults; the consumer's termination of the FINALIZED negotiation is refused.
  CN_03_02: { requested: ['offer'] },
  CN_03_03: { requested: ['offer'], accepted: [] },
  CN_03_04: { requested: ['offer'], 'counter-requested': [] },
};

const TRANSFER_CASES: Record<string, ReadonlyArray<ScriptedStep<TransferEvent>>> = {
  TP_01_01: ['start', 'pause', 'terminate'],
  TP_01_02: ['start', 'pause', 'complete'],
  TP_01_03: ['start', 'pause', 'suspend', 'pause', 'terminate'],
  TP_01_04: ['start', 'pause', 'suspend', 'pause', 'start', 'pause', 'complete'],
  TP_01_05: ['terminate'],
  // The consumer's own messages on a REQUESTED transfer: the provider must not start it.
  TP_02_05: [],
  TP_03_01: [],
  TP_03_02: [],
};

/** The script for the ids of one TCK configuration (its CN_xx_yy_DATASETID and TP_xx_yy_AGREEMENTID keys). */
export function tckProviderScript(properties: ReadonlyMap<string, string>): ProviderScript {
  const byDataset = new Map<string, (typeof NEGOTIATION_CASES)[string]>();
  const byAgreement = new Map<string, ReadonlyArray<ScriptedStep<TransferEvent>>>();
  for (const [key, value] of properties) {
    const cn = /^(CN_\d\d_\d\d)_DATASETID$/.exec(key)?.[1];
    const cnCase = cn ? NEGOTIATION_CASES[cn] : undefined;
    if (cnCase) byDataset.set(value, cnCase);
    const tp = /^(TP_\d\d_\d\d)_AGREEMENTID$/.exec(key)?.[1];
    const tpCase = tp ? TRANSFER_CASES[tp] : undefined;
    if (tpCase) byAgreement.set(value, tpCase);
  }
  return {
    negotiation: (datasetId, step) => byDataset.get(datasetId)?.[step],
    transfer: (agreementId) => byAgreement.get(agreementId),
  };
}
