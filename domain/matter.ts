// The life of a matter as the application records it: its status and, once closed, why.
export const CLOSURE_REASONS = ['resolved', 'withdrawn', 'referred', 'not-accepted', 'litigated'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const MATTER_STATUSES = ['received', 'in-progress', 'closed', 'reopened'] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];
