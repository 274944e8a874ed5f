import type { ConsumerSettings } from '@/server/dataspace/consumer/consumer-settings';
import type { Dataspace } from './start-dataspace';

/** Settings of the web app's consumer (`d4h-clinic`) against a dataspace the harness started, for tests and benches. */
export function testConsumerSettings(ds: Dataspace, overrides: Partial<ConsumerSettings> = {}): ConsumerSettings {
  return {
    participantId: 'd4h-clinic',
    authorityUrl: ds.authorityUrl,
    authorityId: 'ehealth-agency',
    operatorToken: () => ds.operatorToken,
    callbackAddress: 'http://127.0.0.1:9/api/dsp/callback',
    fhirTimeoutMs: 2000,
    contractTimeoutMs: 10_000,
    ...overrides,
  };
}
