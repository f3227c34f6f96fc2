// The fixed choices of the safety-walk forms, stored as these keys and shown in the page's language.

/** Partners a walk is planned with; anyone else goes in the free "other partners" text. */
export const WALK_PARTNERS = ['district_administration', 'housing_company', 'residents'] as const;
export type WalkPartner = (typeof WALK_PARTNERS)[number];

export const OBSERVATION_CATEGORIES = ['lighting', 'vegetation', 'litter', 'damage', 'other'] as const;
export type ObservationCategory = (typeof OBSERVATION_CATEGORIES)[number];

export const MAX_DESCRIPTION = 1000;
export const MAX_COMMENT = 500;
export const MAX_NOTES = 2000;
/** Owner organisations and other partners are names, not essays. */
export const MAX_NAME = 200;
