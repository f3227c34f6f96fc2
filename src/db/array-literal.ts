// PostgreSQL array literals for long arrays sent as one query parameter ('{1,2,3}', '{"a","b"}').
// The drivers format an array element by element, each string through two regular expressions: for the
// rollup rows of a 1M-event import that was ~0.4 s of the importer's main thread. Here numbers are
// joined as they are, and each distinct string is quoted once.

/** The array as PostgreSQL's array input reads it; cast the parameter to the element type's array. */
export function arrayLiteral(values: readonly number[] | readonly string[]): string {
  if (values.length === 0 || typeof values[0] === 'number') return `{${values.join(',')}}`;
  const quoted = new Map<string, string>();
  const elements = (values as readonly string[]).map((value) => {
    let element = quoted.get(value);
    if (element === undefined) {
      // Inside double quotes only a double quote and a backslash are special.
      element = `"${value.replace(/["\\]/g, '\\$&')}"`;
      quoted.set(value, element);
    }
    return element;
  });
  return `{${elements.join(',')}}`;
}
