// Catalog entries (ops, params, groups) and lessons carry their English text in the plain
// fields and other languages under `translations`; this is the one reader of both.

export type Translations = Partial<Record<string, Partial<Record<string, string>>>>;

/** entry[field] in `lang` if the entry has it translated, else the English field ("" if the
 *  entry has neither). */
export function localized<F extends string>(
  entry: { readonly [K in F]?: string } & { readonly translations?: Translations },
  field: F,
  lang: string,
): string {
  const tr = entry.translations?.[lang]?.[field];
  return tr !== undefined && tr !== "" ? tr : (entry[field] ?? "");
}
