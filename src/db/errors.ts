// PostgreSQL's errors as both drivers (pg, PGlite) report them: both carry `code` and `constraint`.

/** Error 23505, unique violation, on one of the given constraints. */
export function isUniqueViolation(error: unknown, ...constraints: string[]): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    error.code === '23505' &&
    'constraint' in error &&
    typeof error.constraint === 'string' &&
    constraints.includes(error.constraint)
  );
}
