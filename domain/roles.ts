// Who works in the system: the staff roles, and which of them may see personal data unmasked.
export const ROLES = [
  'window-clerk',
  'mediator',
  'department-handler',
  'centre-supervisor',
  'administrator',
  'process-designer',
  'auditor',
  // 领导: county leaders and the offices that supervise for them (the party committee, its peace office,
  // the leader who takes a case): read the figures and the supervision items of their jurisdiction,
  // and complete the supervision tasks addressed to their unit.
  'leader',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may see ID numbers and phones unmasked (each such read is audited). */
export const REVEAL_ROLES: Role[] = ['window-clerk', 'mediator', 'centre-supervisor'];

/**
 * Who reads matters (within their jurisdiction): every staff role but designers. Leaders too: the
 * dashboard's figures drill down to their matters (personal data stays masked for them).
 */
export const MATTER_READERS: readonly Role[] = ROLES.filter((r) => r !== 'process-designer');

/** Who reads a matter's documents: not leaders, whose view is masked — a mediation agreement names the parties. */
export const DOCUMENT_READERS: readonly Role[] = MATTER_READERS.filter((r) => r !== 'leader');
