/**
 * Typed mappers from a node's stored properties (`n {.*}`) to the GraphQL class a store returns.
 * A mapper lists every property of the class with the reader of its type (`Shape<T>`), so a
 * field added to a class without a reader fails to compile, and a property stored with another
 * type than the class says fails loudly, naming it, instead of reaching a client.
 *
 * Values come back from the driver as plain JS (runtime/db.ts: integers as numbers; times are
 * stored as ISO text), so readers check types and convert nothing else. A required property a
 * node lacks stays absent, as before: GraphQL reports it on that field, only when it is asked for.
 */
import type { Props } from "../mutation.js";

/** Reads one field of a class from a node's properties; `key` is the field's name. */
export type Read<V> = (p: Props, key: string) => V;

/** Every property of `T` (GraphQL fields and the foreign keys resolvers use) with its reader. */
export type Shape<T> = { [K in keyof T]-?: Read<T[K]> };

/** A mapper from properties to `T`; `orNull` passes a missing node (null) through. */
export interface Mapper<T> {
  (p: Props): T;
  orNull(p: Props | null | undefined): T | null;
}

/** A property stored with a type its class does not allow: a bug in a write path or a migration. */
export class PropertyTypeError extends Error {
  constructor(key: string, want: string, got: unknown) {
    super(`property ${key} is stored as ${got === null ? "null" : Array.isArray(got) ? "a list" : typeof got}, not ${want}`);
  }
}

type Guard<V> = (v: unknown) => v is V;

/** A required property of type V: absent stays absent (see the file comment). */
function required<V>(is: Guard<V>, want: string): Read<V> {
  return (p, key) => {
    const v = p[key];
    if (v === undefined || v === null) return v as V; // absent: GraphQL reports the field, as before
    if (!is(v)) throw new PropertyTypeError(key, want, v);
    return v;
  };
}

/** An optional property of type V: absent is null ("not recorded"). */
function optional<V>(is: Guard<V>, want: string): Read<V | null> {
  return (p, key) => {
    const v = p[key];
    if (v === undefined || v === null) return null;
    if (!is(v)) throw new PropertyTypeError(key, want, v);
    return v;
  };
}

const isText = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number";
const isBool = (v: unknown): v is boolean => typeof v === "boolean";
const isTexts = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);

export const text = required(isText, "a string");
export const optText = optional(isText, "a string");
export const num = required(isNumber, "a number");
export const optNum = optional(isNumber, "a number");
export const bool = required(isBool, "a boolean");
export const optBool = optional(isBool, "a boolean");
export const texts = required(isTexts, "a list of strings");
export const optTexts = optional(isTexts, "a list of strings");

/** A value of a string enum (GraphQL checks membership when it serialises the field). */
export const oneOf = <E extends string>(_values: Record<string, E>): Read<E> => required((v): v is E => isText(v), "a string");
export const optOneOf = <E extends string>(_values: Record<string, E>): Read<E | null> => optional((v): v is E => isText(v), "a string");
/** A list of enum values; absent is null ("not recorded"). */
export const optManyOf = <E extends string>(_values: Record<string, E>): Read<E[] | null> => optional((v): v is E[] => isTexts(v), "a list of strings");

/** A list that is never null: absent reads as []. */
export const list = (p: Props, key: string): string[] => optTexts(p, key) ?? [];

/** A JSON value stored as text in property `stored` (a property holds no maps); absent is null. */
export const jsonIn = (stored: string): Read<unknown> => (p) => {
  const v = optText(p, stored);
  return v === null ? null : JSON.parse(v);
};

/** A reference `{ id }` to a node whose id is stored in property `stored`; absent is null. */
export const refIn = (stored: string): Read<{ id: string } | null> => (p) => {
  const id = optText(p, stored);
  return id ? { id } : null;
};

/** References `{ id }` to the nodes whose ids are listed in property `stored`; absent is []. */
export const refsIn = (stored: string): Read<{ id: string }[]> => (p) => list(p, stored).map((id) => ({ id }));

/** The same reader for each of `keys` (e.g. a class's free-text facts listed in one array), to spread into a shape. */
export const each = <K extends string, V>(keys: readonly K[], read: Read<V>): Record<K, Read<V>> =>
  Object.fromEntries(keys.map((k) => [k, read])) as Record<K, Read<V>>;

/** Builds the mapper of a class from its shape; absent properties stay absent in the result. */
export function mapper<T>(shape: Shape<T>): Mapper<T> {
  const readers = Object.entries(shape) as [string, Read<unknown>][];
  const map = (p: Props): T => {
    const out: Props = {};
    for (const [key, read] of readers) {
      const v = read(p, key);
      if (v !== undefined) out[key] = v;
    }
    return out as T; // every key of T was read with its type above
  };
  return Object.assign(map, { orNull: (p: Props | null | undefined) => (p ? map(p) : null) });
}
