// Groups of the police's event types that the situation picture and the weekend operation focus on.
// The police's public events name a type, not a crime code: "Misshandel" can be indoors or outdoors, so
// 'violence_public' is the closest the public events come to "våld i offentlig miljö".

export const TYPE_GROUPS = ['violence_public', 'robbery', 'other'] as const;
export type TypeGroup = (typeof TYPE_GROUPS)[number];
/** The groups the weekend operation targets: violence in public places and personal robbery. */
export type FocusGroup = Exclude<TypeGroup, 'other'>;
export const FOCUS_GROUPS: readonly FocusGroup[] = ['violence_public', 'robbery'];

/** The police's type names in each focus group; every other type is 'other'. */
export const GROUP_TYPES: Record<FocusGroup, readonly string[]> = {
  violence_public: [
    'Misshandel',
    'Misshandel, grov',
    'Bråk',
    'Mord/dråp',
    'Mord/dråp, försök',
    'Skottlossning',
    'Skottlossning, misstänkt',
    'Våld/hot mot tjänsteman',
  ],
  robbery: ['Rån', 'Rån väpnat', 'Rån övrigt', 'Rån, försök'],
};

export function typeGroupOf(type: string): TypeGroup {
  if (GROUP_TYPES.violence_public.includes(type)) return 'violence_public';
  if (GROUP_TYPES.robbery.includes(type)) return 'robbery';
  return 'other';
}

export function isFocusGroup(value: string): value is FocusGroup {
  return (FOCUS_GROUPS as readonly string[]).includes(value);
}

/** All the focus groups' types: the weekend operation's filter. */
export function focusTypes(): string[] {
  return FOCUS_GROUPS.flatMap((g) => GROUP_TYPES[g]);
}

/**
 * The focus groups whose types are exactly the given list, or undefined when the list is not a union of
 * whole focus groups ('other' has no closed list of types, so it never matches).
 */
export function wholeFocusGroups(types: readonly string[]): FocusGroup[] | undefined {
  const wanted = new Set(types);
  const groups = FOCUS_GROUPS.filter((g) => GROUP_TYPES[g].some((t) => wanted.has(t)));
  const covered = new Set(groups.flatMap((g) => GROUP_TYPES[g]));
  if (groups.length === 0 || covered.size !== wanted.size) return undefined;
  return [...wanted].every((t) => covered.has(t)) ? groups : undefined;
}

/** The types of a focus group, for filters that take type names. */
export function typesOfGroup(group: FocusGroup): string[] {
  return [...GROUP_TYPES[group]];
}
