// A letter's state in words and colour, as its addressee and its sender see it: 未读, 已读未签收, 已签收.
import type { UnitLetter } from '../../../../api/schemas/index.js';

export type LetterState = 'unread' | 'read' | 'acked';
export type TagType = 'success' | 'warning' | 'danger' | 'info';

export function stateOf(l: Pick<UnitLetter, 'readAt' | 'acknowledgedAt'>): LetterState {
  if (l.acknowledgedAt) return 'acked';
  return l.readAt ? 'read' : 'unread';
}

export const STATE_TAG: Record<LetterState, TagType> = { unread: 'danger', read: 'warning', acked: 'success' };

/** A delivery's status as a colour: green once out, red when it gave up, amber while retrying, grey otherwise. */
export function statusTag(status: string): TagType {
  if (status === 'sent' || status === 'delivered') return 'success';
  if (status === 'dead') return 'danger';
  return status === 'failed' ? 'warning' : 'info';
}
