// Param text <-> value, per catalog param kind. Text is parsed as JSON numbers and lists
// only (never evaluated), so a shared link cannot smuggle code through a param.
import type { Json, ParamKind } from "../catalog/catalog";
import { t as i18nT } from "../i18n";

export type Parsed = { ok: true; value: Json } | { ok: false; message: string };

function numericTree(v: unknown, depth = 0): boolean {
  if (depth > 16) return false;
  if (typeof v === "number") return Number.isFinite(v);
  if (typeof v === "boolean") return true;
  if (Array.isArray(v)) return v.every((x) => numericTree(x, depth + 1));
  return false;
}

function parseJsonish(text: string): unknown {
  // Accept Python spellings people type out of habit.
  const t = text
    .trim()
    .replace(/\bTrue\b/g, "true")
    .replace(/\bFalse\b/g, "false")
    .replace(/(\d)\.(?!\d)/g, "$1.0")
    .replace(/,\s*([\]])/g, "$1");
  return JSON.parse(t);
}

function intList(text: string, what: string): Parsed {
  const t = text.trim();
  const inner = t.startsWith("[") || t.startsWith("(") ? t.slice(1, -1) : t;
  if (inner.trim() === "") return { ok: true, value: [] };
  const parts = inner
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const out: number[] = [];
  for (const p of parts) {
    if (!/^-?\d+$/.test(p))
      return { ok: false, message: i18nT("document.notInteger", { what, part: p }) };
    out.push(Number(p));
  }
  return { ok: true, value: out };
}

export function parseParam(kind: ParamKind, text: string): Parsed {
  const t = text.trim();
  switch (kind) {
    case "value": {
      if (t === "") return { ok: false, message: i18nT("document.typeValue") };
      let v: unknown;
      try {
        v = parseJsonish(t);
      } catch {
        return {
          ok: false,
          message: i18nT("document.notValue"),
        };
      }
      if (!numericTree(v)) return { ok: false, message: i18nT("document.onlyNumbers") };
      return { ok: true, value: v as Json };
    }
    case "number": {
      const v = Number(t);
      if (t === "" || !Number.isFinite(v))
        return { ok: false, message: i18nT("document.typeNumber") };
      return { ok: true, value: v };
    }
    case "optional_number": {
      // An empty field is no bound (None), as clamp reads a missing min or max.
      if (t === "" || t === "None" || t === "null") return { ok: true, value: null };
      const v = Number(t);
      if (!Number.isFinite(v)) return { ok: false, message: i18nT("document.typeOptional") };
      return { ok: true, value: v };
    }
    case "int": {
      if (!/^-?\d+$/.test(t)) return { ok: false, message: i18nT("document.typeInt") };
      return { ok: true, value: Number(t) };
    }
    case "shape":
      return intList(t, "shape");
    case "dims": {
      if (t === "" || t === "None" || t === "null") return { ok: true, value: null };
      if (/^-?\d+$/.test(t)) return { ok: true, value: Number(t) };
      return intList(t, "dim");
    }
    case "bool":
      return { ok: true, value: t === "true" };
    case "choice":
      return { ok: true, value: t };
    case "text":
      return { ok: true, value: text };
  }
}

export function formatParam(kind: ParamKind, value: Json | undefined): string {
  if (value === undefined || value === null) return "";
  if (kind === "shape" && Array.isArray(value)) return `[${value.join(", ")}]`;
  if (typeof value === "string") return value;
  return JSON.stringify(value).replace(/,/g, ", ");
}
