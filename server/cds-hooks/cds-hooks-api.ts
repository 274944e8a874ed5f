import type { Database } from '@/db/client';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import type { TCard } from '@/server/cds-hooks/cards/card-schema';
import { ZFeedbackSchema } from '@/server/cds-hooks/cards/card-schema';
import type { CardContext } from '@/server/cds-hooks/cards/card-basics';
import { CdsRequestError } from '@/server/cds-hooks/cds-errors';
import type { CdsClientAuthenticator, CdsClientIdentity } from '@/server/cds-hooks/client-auth';
import { CdsClientAuthError } from '@/server/cds-hooks/client-auth';
import { cdsPatientOf } from '@/server/cds-hooks/cds-patient';
import { corsJson } from '@/server/cds-hooks/cors';
import { storeFeedback } from '@/server/cds-hooks/feedback';
import { draftDiabetesOrders, orderSelectCards } from '@/server/cds-hooks/order-select';
import { patientViewCards } from '@/server/cds-hooks/patient-view';
import { resolvePrefetch } from '@/server/cds-hooks/prefetch';
import { ZCdsServiceRequestSchema, ZOrderSelectContextSchema, ZPatientViewContextSchema, zodReason } from '@/server/cds-hooks/request-schema';
import type { CdsServiceId } from '@/server/cds-hooks/services';
import { CDS_SERVICES, REQUIRED_PREFETCH, discoveryDocument, isCdsServiceId } from '@/server/cds-hooks/services';
import { operationOutcome } from '@/server/fhir/operation-outcome';

/**
 * The CDS Hooks endpoints as plain Request → Response functions (the app/cds-services routes only
 * call them): authenticate the client, parse, resolve the prefetch, build the cards, audit. Every
 * call is audited, refused ones too, with the reason (EU AI Act Art. 12). Bad input is a 400 with the
 * reason, missing data a 412 with an OperationOutcome naming it, a failed authentication a 401 with a
 * generic message (the reason only in the audit trail).
 */
export interface CdsHooksApiOptions {
  db: Database;
  authenticator: CdsClientAuthenticator;
  /** The app's public base URL (NEXTAUTH_URL): service URLs (the JWT's aud) and links derive from it. */
  publicUrl: string;
  now?: () => Date;
}

export interface CdsHooksApi {
  discovery(): Response;
  call(request: Request, serviceId: string): Promise<Response>;
  feedback(request: Request, serviceId: string): Promise<Response>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

async function jsonBody(request: Request): Promise<unknown> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw new CdsRequestError(400, `the body is larger than ${MAX_BODY_BYTES} bytes`);
  if (!(request.headers.get('content-type') ?? '').toLowerCase().includes('json')) throw new CdsRequestError(400, 'Content-Type must be application/json');
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new CdsRequestError(400, `the body is larger than ${MAX_BODY_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw new CdsRequestError(400, 'the body is not valid JSON');
  }
}

function unauthorized(): Response {
  return corsJson(operationOutcome('error', 'login', 'The CDS client could not be authenticated.'), 401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
}

export function createCdsHooksApi(options: CdsHooksApiOptions): CdsHooksApi {
  const base = options.publicUrl.replace(/\/+$/, '');
  const now = options.now ?? (() => new Date());
  const serviceUrl = (id: string): string => `${base}/cds-services/${id}`;

  async function audit(event: { subtype: 'cdsHookCall' | 'cdsFeedback'; serviceId: string; client: Pick<CdsClientIdentity, 'iss'> | null; status: number; reason?: string; patientNationalId?: string | null; entity?: Record<string, unknown>; requestId: string | null }) {
    await recordAuditEvent(options.db, {
      typeCode: AUDIT_TYPES.rest,
      subtype: AUDIT_SUBTYPES[event.subtype],
      action: event.subtype === 'cdsFeedback' ? AUDIT_ACTIONS.create : AUDIT_ACTIONS.execute,
      outcome: event.status < 400 ? AUDIT_OUTCOMES.success : AUDIT_OUTCOMES.minorFailure,
      outcomeDescription: event.reason ?? null,
      agent: { role: 'cds-client', organisation: event.client?.iss ?? null },
      patientNationalId: event.patientNationalId ?? null,
      purposeOfUse: 'TREAT',
      source: 'd4h-clinic/cds-hooks',
      entity: { service: event.serviceId, status: event.status, ...event.entity },
      requestId: event.requestId,
    });
  }

  /** Authentication first, so an unauthenticated caller learns nothing about services or bodies. */
  async function authenticated(request: Request, serviceId: string, audiences: string[]) {
    try {
      return await options.authenticator.authenticate(request.headers.get('authorization'), audiences);
    } catch (err) {
      if (err instanceof CdsClientAuthError) {
        await audit({ subtype: 'cdsHookCall', serviceId, client: err.iss ? { iss: err.iss } : null, status: 401, reason: err.reason, requestId: request.headers.get('x-request-id') });
        return null;
      }
      throw err;
    }
  }

  return {
    discovery: () => corsJson(discoveryDocument()),

    async call(request, serviceId) {
      const requestId = request.headers.get('x-request-id');
      if (!isCdsServiceId(serviceId)) return corsJson(operationOutcome('error', 'not-found', `no CDS service ${serviceId}`), 404);
      const client = await authenticated(request, serviceId, [serviceUrl(serviceId)]);
      if (!client) return unauthorized();
      let nationalId: string | null = null;
      let hookInstance: string | null = null;
      try {
        const parsed = ZCdsServiceRequestSchema.safeParse(await jsonBody(request));
        if (!parsed.success) throw new CdsRequestError(400, zodReason(parsed.error));
        const body = parsed.data;
        hookInstance = body.hookInstance;
        const service = CDS_SERVICES[serviceId as CdsServiceId];
        if (body.hook !== service.hook) throw new CdsRequestError(400, `hook must be ${service.hook} for ${serviceId}, not ${body.hook}`);
        const contextSchema = service.hook === 'order-select' ? ZOrderSelectContextSchema : ZPatientViewContextSchema;
        const context = contextSchema.safeParse(body.context);
        if (!context.success) throw new CdsRequestError(400, `context: ${zodReason(context.error)}`);
        const patientId = context.data.patientId;
        const prefetch = await resolvePrefetch(body, patientId, REQUIRED_PREFETCH);
        const patient = cdsPatientOf(prefetch.resources, patientId, now());
        nationalId = patient.nationalId;
        const ctx: CardContext = { patientId, appUrl: base, patientPageUrl: nationalId ? `${base}/diabetes/patients/${encodeURIComponent(nationalId)}` : null };
        let cards: TCard[];
        if (service.hook === 'order-select') {
          const orderContext = ZOrderSelectContextSchema.parse(body.context);
          cards = orderSelectCards(patient, draftDiabetesOrders(orderContext), ctx);
        } else {
          cards = await patientViewCards(patient, ctx);
        }
        await audit({ subtype: 'cdsHookCall', serviceId, client, status: 200, patientNationalId: nationalId, requestId, entity: { hookInstance, jti: client.jti, tenant: client.tenant, userId: context.data.userId, prefetch: prefetch.origin, cards: cards.map((c) => ({ uuid: c.uuid, indicator: c.indicator, summary: c.summary })) } });
        return corsJson({ cards });
      } catch (err) {
        if (!(err instanceof CdsRequestError)) throw err;
        await audit({ subtype: 'cdsHookCall', serviceId, client, status: err.status, reason: err.message, patientNationalId: nationalId, requestId, entity: { hookInstance, jti: client.jti } });
        return corsJson(err.outcome(), err.status);
      }
    },

    async feedback(request, serviceId) {
      const requestId = request.headers.get('x-request-id');
      if (!isCdsServiceId(serviceId)) return corsJson(operationOutcome('error', 'not-found', `no CDS service ${serviceId}`), 404);
      const client = await authenticated(request, serviceId, [serviceUrl(serviceId), `${serviceUrl(serviceId)}/feedback`]);
      if (!client) return unauthorized();
      try {
        const parsed = ZFeedbackSchema.safeParse(await jsonBody(request));
        if (!parsed.success) throw new CdsRequestError(400, zodReason(parsed.error));
        const stored = await storeFeedback(options.db, serviceId, client.iss, parsed.data);
        await audit({
          subtype: 'cdsFeedback',
          serviceId,
          client,
          status: 200,
          requestId,
          entity: { jti: client.jti, feedback: parsed.data.feedback.map((f) => ({ card: f.card, outcome: f.outcome, overrideReason: f.overrideReason?.reason?.code ?? null })) },
        });
        return corsJson({ stored });
      } catch (err) {
        if (!(err instanceof CdsRequestError)) throw err;
        await audit({ subtype: 'cdsFeedback', serviceId, client, status: err.status, reason: err.message, requestId, entity: { jti: client.jti } });
        return corsJson(err.outcome(), err.status);
      }
    },
  };
}
