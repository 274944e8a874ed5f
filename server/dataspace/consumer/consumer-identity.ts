import { decodeJwt } from 'jose';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { dataspaceIdentity } from '@/db/app/schema/dataspace';
import { enrolConsumer } from '@/server/dataspace/protocol/dsp-client';
import { generateParticipantKeyPair, publicJwks, type ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import type { JWK } from 'jose';
import type { ParticipantIdentity } from '@/server/dataspace/protocol/participant-http';
import type { ConsumerSettings } from './consumer-settings';

/** Renew the participant credential this long before it expires (credentials live 24 h). */
const RENEW_BEFORE_MS = 3600_000;

/**
 * The consumer's key pair (kept in the app DB so a restart keeps its identity and every replica signs
 * with the same key) and its participant credential. It enrols once per process, like the other
 * participants do at start, and again when the credential nears its expiry.
 */
export class ConsumerIdentity {
  private key: ParticipantKeyPair | null = null;
  private credential = '';
  private credentialExpiresAt = 0;
  private enrolling: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly settings: ConsumerSettings,
  ) {}

  /** Identity for signing calls; enrols first when needed. */
  async current(): Promise<ParticipantIdentity> {
    if (!this.key || Date.now() > this.credentialExpiresAt - RENEW_BEFORE_MS) {
      this.enrolling ??= this.enrol().finally(() => (this.enrolling = null));
      await this.enrolling;
    }
    const key = this.key;
    if (!key) throw new Error('unreachable: enrolment sets the key');
    return { id: this.settings.participantId, key, credential: () => this.credential };
  }

  private async loadKey(): Promise<ParticipantKeyPair> {
    const id = this.settings.participantId;
    const read = async () => (await this.db.select().from(dataspaceIdentity).where(eq(dataspaceIdentity.participantId, id)))[0];
    let row = await read();
    if (!row) {
      const pair = await generateParticipantKeyPair();
      // Two replicas starting together: the first insert wins and both read it back.
      await this.db.insert(dataspaceIdentity).values({ participantId: id, kid: pair.kid, privateJwk: pair.privateJwk, publicJwk: pair.publicJwk }).onConflictDoNothing();
      row = await read();
    }
    if (!row) throw new Error('the consumer identity could not be stored');
    return { kid: row.kid, privateJwk: row.privateJwk as JWK, publicJwk: row.publicJwk as JWK };
  }

  private async enrol(): Promise<void> {
    const key = this.key ?? (await this.loadKey());
    const credential = await enrolConsumer({ authorityUrl: this.settings.authorityUrl, operatorToken: this.settings.operatorToken(), id: this.settings.participantId, jwks: publicJwks(key), baseUrl: this.settings.callbackAddress });
    const exp = decodeJwt(credential).exp;
    const expiresAt = typeof exp === 'number' ? exp * 1000 : Date.now() + RENEW_BEFORE_MS * 2;
    await this.db
      .update(dataspaceIdentity)
      .set({ credential, credentialExpiresAt: new Date(expiresAt), enrolledAt: new Date() })
      .where(eq(dataspaceIdentity.participantId, this.settings.participantId));
    this.key = key;
    this.credential = credential;
    this.credentialExpiresAt = expiresAt;
  }
}
