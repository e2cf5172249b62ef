// The intake form's model and the pure helpers around it: the region tree for the cascader, the
// request body, the identifiers the duplicate check looks up, and the form's Idempotency-Key.
import type { Static } from 'typebox';
import type { IntakeBody, RegionList } from '../../../../api/schemas/index.js';
import { idNumberProblem, isMobile, tidyIdNumber } from '../../id-number.js';

export type Region = Static<typeof RegionList>['items'][number];
export type PartyRole = NonNullable<IntakeBody['parties']>[number]['role'];
export const PARTY_ROLES: PartyRole[] = ['applicant', 'respondent', 'third-party', 'agent'];

export interface PartyRow {
  /** Stable across removals, for v-for. */
  key: number;
  role: PartyRole;
  name: string;
  idNumber: string;
  phone: string;
}

export interface Facts {
  parties?: number;
  amountYuan?: number;
  violence: boolean;
  threat: boolean;
  repeatPetition: boolean;
  vulnerableParty: boolean;
  domesticViolence: boolean;
  extremeWords: boolean;
}
export const FACT_FLAGS = [
  'violence',
  'threat',
  'repeatPetition',
  'vulnerableParty',
  'domesticViolence',
  'extremeWords',
] as const;

export interface IntakeForm {
  matterType: IntakeBody['matterType'];
  channel: IntakeBody['channel'];
  regionCode: string;
  summary: string;
  /** '' = none chosen: intake classifies from the summary (and marks it suggested). */
  category: string;
  facts: Facts;
  parties: PartyRow[];
}

let rows = 0;
export function newParty(role: PartyRole = 'applicant'): PartyRow {
  return { key: ++rows, role, name: '', idNumber: '', phone: '' };
}

export function emptyForm(): IntakeForm {
  return {
    matterType: 'dispute',
    channel: 'window',
    regionCode: '',
    summary: '',
    category: '',
    facts: {
      parties: undefined,
      amountYuan: undefined,
      violence: false,
      threat: false,
      repeatPetition: false,
      vulnerableParty: false,
      domesticViolence: false,
      extremeWords: false,
    },
    parties: [newParty()],
  };
}

/**
 * A key per form: a double click, or a retry after a lost answer, sends the same key and the API
 * answers with the one matter. randomUUID needs a secure context; an intranet served over plain http
 * is not one, so the same 122 random bits come from getRandomValues there.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[];
}

/** The cascader's tree under `root` (the clerk's own region: intake is within the jurisdiction). */
export function regionTree(items: Region[], root: string): RegionNode[] {
  const nodes = new Map<string, RegionNode>(items.map((r) => [r.code, { code: r.code, name: r.name }]));
  for (const r of items) {
    const parent = r.parent ? nodes.get(r.parent) : undefined;
    if (parent) (parent.children ??= []).push(nodes.get(r.code)!);
  }
  const top = nodes.get(root);
  return top ? [top] : [];
}

/** The body POST /api/matters takes: empty optional fields left out, ID numbers tidied. */
export function intakeBody(f: IntakeForm): IntakeBody {
  const facts: Record<string, number | boolean> = {};
  if (f.facts.parties) facts.parties = f.facts.parties;
  if (f.facts.amountYuan) facts.amountYuan = f.facts.amountYuan;
  for (const k of FACT_FLAGS) if (f.facts[k]) facts[k] = true;
  return {
    matterType: f.matterType,
    channel: f.channel,
    regionCode: f.regionCode,
    summary: f.summary.trim(),
    ...(f.category ? { category: f.category } : {}),
    ...(Object.keys(facts).length ? { facts } : {}),
    ...(f.parties.length
      ? {
          parties: f.parties.map((p) => ({
            role: p.role,
            name: p.name.trim(),
            ...(p.idNumber.trim() ? { idNumber: tidyIdNumber(p.idNumber) } : {}),
            ...(p.phone.trim() ? { phone: p.phone.trim() } : {}),
          })),
        }
      : {}),
  };
}

/** The valid ID numbers and mobiles of the parties: what the duplicate check looks up. */
export function identifiers(parties: PartyRow[]): { idNumber?: string; phone?: string }[] {
  return parties
    .map((p) => ({
      ...(p.idNumber && !idNumberProblem(p.idNumber) ? { idNumber: tidyIdNumber(p.idNumber) } : {}),
      ...(p.phone && isMobile(p.phone) ? { phone: p.phone.trim() } : {}),
    }))
    .filter((p) => p.idNumber || p.phone);
}

/** Reads a dotted path the API names ('parties.0.idNumber') out of the form. */
export function valueAt(f: IntakeForm, path: string): unknown {
  return path.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as never)[k] : undefined), f);
}
