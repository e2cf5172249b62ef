// Which entries each role sees. Pages not built yet are listed, disabled, so people see what is coming.
import type { PrincipalView } from '../../api/schemas/index.js';

type Role = PrincipalView['roles'][number];

export interface NavItem {
  key:
    | 'inbox'
    | 'intake'
    | 'matters'
    | 'letters'
    | 'monitor'
    | 'statistics'
    | 'designer'
    | 'users'
    | 'audit'
    | 'deliveries';
  route?: string;
  roles: Role[] | 'all';
  /** Also shown to anyone who belongs to a unit, whatever their roles. */
  orUnit?: boolean;
}

export const NAV: NavItem[] = [
  { key: 'inbox', route: '/inbox', roles: 'all' },
  { key: 'intake', route: '/intake', roles: ['window-clerk', 'centre-supervisor', 'administrator'] },
  {
    key: 'matters',
    route: '/matters',
    roles: [
      'window-clerk',
      'mediator',
      'department-handler',
      'centre-supervisor',
      'administrator',
      'auditor',
      'leader',
    ],
  },
  // 函件: a unit's received letters (the roles that have a unit) and the jurisdiction's sent ones.
  {
    key: 'letters',
    route: '/letters',
    roles: ['mediator', 'department-handler', 'leader', 'centre-supervisor', 'administrator', 'auditor'],
    orUnit: true,
  },
  { key: 'monitor', route: '/monitor', roles: ['centre-supervisor', 'administrator'] },
  { key: 'statistics', route: '/statistics', roles: ['centre-supervisor', 'administrator', 'auditor', 'leader'] },
  { key: 'designer', route: '/designer', roles: ['process-designer', 'administrator'] },
  { key: 'users', route: '/admin/users', roles: ['administrator'] },
  { key: 'audit', route: '/admin/audit', roles: ['administrator', 'auditor'] },
  { key: 'deliveries', route: '/admin/deliveries', roles: ['administrator', 'centre-supervisor'] },
];

export function navFor(roles: readonly Role[], unit: string | null = null): NavItem[] {
  return NAV.filter((n) => n.roles === 'all' || n.roles.some((r) => roles.includes(r)) || (!!unit && n.orUnit));
}
