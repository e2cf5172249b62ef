// The audit log reader's contract (administrators and auditors): filled in by the audit routes.
import { Type } from 'typebox';

export const AuditQuery = Type.Object({});
