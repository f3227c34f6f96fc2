// Kysely table types of the weekend module's own tables (added to Database in db/types.ts).

// biome-ignore lint/suspicious/noEmptyInterface: filled in by the module's migration
export interface WeekendTables {}
