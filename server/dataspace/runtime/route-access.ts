import { timingSafeEqual } from 'node:crypto';
import type { JSONWebKeySet } from 'jose';
import { PARTICIPANT_ROLES } from '@/server/dataspace/protocol/participant-credential';
import { PATIENT_ASSERTION_HEADER, verifyPatientAssertion, type PatientAssertion } from '@/server/dataspace/protocol/patient-assertion';
import { verifyParticipantToken, type VerifiedParticipant } from '@/server/dataspace/protocol/participant-token';
import { PRACTITIONER_ASSERTION_HEADER, STEWARD_ROLE, verifyPractitionerAssertion } from '@/server/dataspace/protocol/practitioner-assertion';
import type { ReplayGuard } from '@/server/dataspace/protocol/replay-guard';
import { TokenError } from '@/server/dataspace/protocol/token-error';

/**
 * Who may call a participant route. One of the listed kinds must hold:
 * - `public`: anyone (keys, health, credential status);
 * - `operator`: the onboarding secret of this machine's participants (enrolment, revocation, offers);
 * - `participant`: any enrolled participant's token; `participant:provider`, `participant:consumer`:
 *   one whose credential holds that role; `participant:authority`: the authority itself;
 * - `patient-assertion`: a portal (the web app) relays a patient's signed, single-use assertion; the
 *   route then answers only about that patient;
 * - `steward`: a portal relays an assertion of one of the authority's stewards (role steward,
 *   organisation the authority), with the purpose of the access;
 * - `edr`: a bearer token the provider itself issued for a transfer; its data-plane gate checks it whole.
 */
export const ACCESS_KINDS = {
  public: 'public',
  operator: 'operator',
  participant: 'participant',
  provider: 'participant:provider',
  consumer: 'participant:consumer',
  authority: 'participant:authority',
  patient: 'patient-assertion',
  steward: 'steward',
  edr: 'edr',
} as const;
export type AccessKind = (typeof ACCESS_KINDS)[keyof typeof ACCESS_KINDS];

export type RouteMethod = 'GET' | 'POST';

/** One participant route and who may call it: data, declared beside the route, checked by one middleware. */
export interface RouteRule {
  method: RouteMethod;
  /** Hono path pattern (`:name` is one segment), relative to where its app is mounted. */
  path: string;
  access: readonly AccessKind[];
}

export interface StewardCaller {
  userId: string;
  purpose: string;
}

/** Who called, as far as the route's rule needed to know. */
export interface RouteCaller {
  rule: RouteRule;
  participant?: VerifiedParticipant;
  patient?: PatientAssertion;
  steward?: StewardCaller;
  operator?: true;
}

export interface AccessVerifiers {
  /** This participant's id: the audience of every token and assertion it accepts. */
  self: string;
  authorityId: string;
  authorityJwks: () => Promise<JSONWebKeySet>;
  isActive: (participantId: string, credentialJti: string) => Promise<boolean>;
  replay: ReplayGuard;
  operatorToken?: () => string;
  /**
   * TCK mode only (tck-mode.ts): a fixed bearer token that stands for one enrolled participant, because the
   * DSP TCK sends one fixed Authorization header and cannot sign single-use participant tokens.
   */
  fixedParticipant?: { token: string; participant: () => VerifiedParticipant };
}

export interface AccessRefusal {
  status: 401 | 403;
  error: string;
  detail: string;
}

/** Rules of an app mounted under `prefix`, with their full paths. */
export function mounted(prefix: string, rules: readonly RouteRule[]): RouteRule[] {
  const base = prefix.replace(/\/$/, '');
  return rules.map((r) => ({ ...r, path: r.path === '/' ? base || '/' : `${base}${r.path}` }));
}

const compiled = new WeakMap<RouteRule, RegExp>();
function patternOf(rule: RouteRule): RegExp {
  let re = compiled.get(rule);
  if (!re) {
    const source = rule.path
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    re = new RegExp(`^${source}/?$`);
    compiled.set(rule, re);
  }
  return re;
}

/** The rule of a request: the matching one with the most literal segments (`/metadata` before `/:type`). */
export function findRule(rules: readonly RouteRule[], method: string, path: string): RouteRule | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  let best: RouteRule | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    if (rule.method !== m || !patternOf(rule).test(path)) continue;
    const score = rule.path.split('/').filter((s) => s && !s.startsWith(':')).length;
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best;
}

/** Routes an app serves that no rule covers (they would be refused at every call): start-up fails on any. */
export function routesWithoutRule(routes: ReadonlyArray<{ method: string; path: string }>, rules: readonly RouteRule[]): string[] {
  return routes
    .filter((r) => r.method !== 'ALL' && !r.path.endsWith('*'))
    .filter((r) => !rules.some((rule) => rule.method === r.method && rule.path.replace(/\/$/, '') === r.path.replace(/\/$/, '')))
    .map((r) => `${r.method} ${r.path}`);
}

const bearerOf = (header: (name: string) => string | undefined): string | undefined => {
  const value = header('authorization');
  return value?.startsWith('Bearer ') ? value.slice(7).trim() : undefined;
};

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks a request against its rule. Each credential is verified at most once (a participant token's
 * jti is single use), and the first kind of the rule that holds admits the caller. A refusal says what
 * the rule asks for, never what a credential would have revealed.
 */
export async function authorise(rule: RouteRule, header: (name: string) => string | undefined, v: AccessVerifiers): Promise<{ ok: true; caller: RouteCaller } | { ok: false; refusal: AccessRefusal }> {
  const bearer = bearerOf(header);
  let participant: VerifiedParticipant | TokenError | undefined;
  const asParticipant = async (): Promise<VerifiedParticipant | TokenError> => {
    if (participant) return participant;
    if (v.fixedParticipant && bearer && sameSecret(bearer, v.fixedParticipant.token)) return (participant = v.fixedParticipant.participant());
    try {
      participant = await verifyParticipantToken(bearer, { audience: v.self, authorityId: v.authorityId, authorityJwks: await v.authorityJwks(), replay: v.replay, isActive: v.isActive });
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      participant = error;
    }
    return participant;
  };
  const failures: AccessRefusal[] = [];
  const forbidden = (detail: string) => failures.push({ status: 403, error: 'forbidden', detail });
  const portal = async (): Promise<VerifiedParticipant | null> => {
    const p = await asParticipant();
    if (p instanceof TokenError) {
      failures.push({ status: 401, error: p.kind, detail: p.message });
      return null;
    }
    if (!p.credential.roles.includes(PARTICIPANT_ROLES.portal)) {
      forbidden('only a portal participant relays patients\' and stewards\' assertions');
      return null;
    }
    return p;
  };

  for (const kind of rule.access) {
    if (kind === 'public') return { ok: true, caller: { rule } };
    if (kind === 'operator') {
      const secret = v.operatorToken?.();
      if (bearer && secret && sameSecret(bearer, secret)) return { ok: true, caller: { rule, operator: true } };
      failures.push({ status: 401, error: 'operator-token-required', detail: 'this route needs the operator token' });
      continue;
    }
    if (kind === 'edr') {
      // The data-plane gate verifies the EDR (agreement, transfer, key binding) and the practitioner.
      if (bearer) return { ok: true, caller: { rule } };
      failures.push({ status: 401, error: 'missing', detail: 'an EDR bearer token is required' });
      continue;
    }
    if (kind === 'patient-assertion') {
      const p = await portal();
      if (!p) continue;
      try {
        const patient = await verifyPatientAssertion(header(PATIENT_ASSERTION_HEADER), { portalId: p.participantId, portalJkt: p.jkt, audience: v.self, replay: v.replay });
        return { ok: true, caller: { rule, participant: p, patient } };
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        failures.push({ status: 401, error: error.kind, detail: error.message });
      }
      continue;
    }
    if (kind === 'steward') {
      const p = await portal();
      if (!p) continue;
      try {
        const a = await verifyPractitionerAssertion(header(PRACTITIONER_ASSERTION_HEADER), { consumerId: p.participantId, consumerJkt: p.jkt, audience: v.self });
        if (a.role === STEWARD_ROLE && a.organisation === v.authorityId) return { ok: true, caller: { rule, participant: p, steward: { userId: a.userId, purpose: a.purpose } } };
        forbidden(`only a steward of ${v.authorityId} may do this`);
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        failures.push({ status: 401, error: error.kind, detail: error.message });
      }
      continue;
    }
    const p = await asParticipant();
    if (p instanceof TokenError) {
      failures.push({ status: 401, error: p.kind, detail: p.message });
      continue;
    }
    const roles = p.credential.roles;
    if (kind === 'participant') return { ok: true, caller: { rule, participant: p } };
    if (kind === 'participant:provider' && roles.includes(PARTICIPANT_ROLES.provider)) return { ok: true, caller: { rule, participant: p } };
    if (kind === 'participant:consumer' && roles.includes(PARTICIPANT_ROLES.consumer)) return { ok: true, caller: { rule, participant: p } };
    if (kind === 'participant:authority' && p.participantId === v.authorityId) return { ok: true, caller: { rule, participant: p } };
    forbidden(`this route is for ${rule.access.join(' or ')}; ${p.participantId} is not`);
  }
  // A credential that was valid but not enough (403) says more than a missing one (401).
  const refusal = failures.find((f) => f.status === 403) ?? failures.find((f) => f.error !== 'missing' && f.error !== 'operator-token-required') ?? failures[0] ?? { status: 403, error: 'forbidden', detail: 'no access' };
  return { ok: false, refusal };
}
