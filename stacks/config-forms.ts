import { z } from 'zod';

/**
 * Config fields whose type is unambiguous enough that a YAML file may write them either way, quoted or not. These are
 * the only schema nodes that transform a value (test/stacks/config-schemas.test.ts holds the list): everywhere else a
 * wrong type is an error, so the string "false" never becomes `true` and a version `1.30` is never read as 1.3.
 */

/** What a zone field accepts, in the words of its error. */
export const ZONE_ALLOWED = 'an availability zone number such as 1 or "1"';

/** An Azure availability zone: `1` and `"1"` are the same zone. The stacks get the string Azure's API takes. */
export function zoneField() {
  return z
    .union([z.string().regex(/^[1-9]$/, { error: ZONE_ALLOWED }), z.number().int().min(1).max(9)], { error: ZONE_ALLOWED })
    .transform((v) => String(v));
}

/** What a Postgres major field accepts, in the words of its error. */
export const POSTGRES_MAJOR_ALLOWED = 'a PostgreSQL major version such as 16 or "16" (the major only, no minor)';

/** A PostgreSQL major version: `16` and `"16"` are the same major. The stacks get the number. */
export function postgresMajorField() {
  return z
    .union([z.number().int({ error: POSTGRES_MAJOR_ALLOWED }), z.string().regex(/^[0-9]{1,3}$/, { error: POSTGRES_MAJOR_ALLOWED })], { error: POSTGRES_MAJOR_ALLOWED })
    .transform((v) => Number(v));
}
