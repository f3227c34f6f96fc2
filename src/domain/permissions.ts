// Who may do what, in one table. Every staff route names one action; the auth module checks it against
// the signed-in user's roles in the LPO the record belongs to. Nothing here is granted across LPOs.

export const ROLES = ['admin', 'lead', 'officer', 'analyst', 'municipality', 'social_services'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** See the staff start page of an LPO. */
  'staff.view': ['admin', 'lead', 'officer', 'analyst', 'municipality', 'social_services'],
  'promise.edit': ['lead'],
  'promise.publish': ['lead'],
  'shift.read': ['lead', 'officer', 'analyst'],
  'shift.create': ['lead', 'officer'],
  'walk.read': ['lead', 'officer', 'analyst', 'municipality'],
  'walk.create': ['lead', 'officer', 'municipality'],
  'walk.update': ['lead', 'officer', 'municipality'],
  'observation.update': ['lead', 'officer', 'municipality'],
  /** Record a new Iceland-model case. */
  'iceland.create': ['lead', 'officer'],
  /** Open a case: officers only their own (checked in the iceland service), lead and social services all. */
  'iceland.read': ['lead', 'officer', 'social_services'],
  'iceland.update': ['lead', 'officer'],
  'iceland.assess': ['social_services'],
  'iceland.checklist': ['lead'],
  /** The situation picture (lägesbild) from imported events and citizen input. */
  'situation.read': ['lead', 'officer', 'analyst'],
  /** Turn a suggested time window × place into a planned weekend shift. */
  'shift.plan': ['lead'],
  /** Read citizen input in full and approve or reject its free text for publication. */
  'dialogue.moderate': ['lead', 'analyst'],
  /** Post and edit updates (news) on the LPO's public pages. */
  'update.publish': ['lead', 'officer'],
  'audit.read': ['admin'],
  'user.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function roleMay(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

export function rolesMay(roles: readonly Role[], action: Action): boolean {
  return roles.some((role) => roleMay(role, action));
}

/** Roles that can open Iceland-model cases must sign in with a second factor. */
export function requiresSecondFactor(roles: readonly Role[]): boolean {
  return rolesMay(roles, 'iceland.read');
}
