/** A random suffix that keeps one test's names apart from every other's. */
export const uniq = (prefix = "t") => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
