import { Arg, Ctx as Context, Int, Query, Resolver } from "type-graphql";
import { DEFAULT_FIRST, firstArg, MAX_FIRST } from "../../../runtime/connection.js";
import type { Ctx } from "../../../runtime/context.js";
import { decodeCursor } from "../../../runtime/cursor.js";
import { badInput } from "../../../runtime/errors.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import { luceneQuery, MAX_SEARCH_TEXT, MIN_INNER_WORD, nameTiers, MAX_SEARCH_WORDS, SEARCH_KINDS, searchKinds } from "./query.js";
import { searchPage } from "./store.js";
import { SearchConnection } from "./types.js";

/** Deepest position a page may start at: ranked search is for the first pages, not for export. */
export const MAX_SEARCH_OFFSET = 10_000;

@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, {
    description:
      `Full-text search over names, versions, intended purposes, descriptions and provenance; hits ranked by score, then id. ` +
      `Ranking: names first (the name or one of its dotted/slashed segments equal to the text, then starting with it, then the text starting at a part of it: after . / : _ - or a camelCase hump), then score, then id. ` +
      `Every word must match: as a word, a prefix, any part of an identifier (words of ${MIN_INNER_WORD}+ characters) or one edit away; text is plain words (no query syntax), at most ${MAX_SEARCH_TEXT} characters and ${MAX_SEARCH_WORDS} words. ` +
      `kinds: any of ${SEARCH_KINDS.join(", ")} (default all). first: 1..${MAX_FIRST} (default ${DEFAULT_FIRST}); after: the endCursor of the previous page.`,
  })
  @RequiresScope("lineage:read")
  search(
    @Arg("text", () => String) text: string,
    @Context() ctx: Ctx,
    @Arg("kinds", () => [String], { nullable: true }) kinds?: string[] | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_FIRST }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
  ) {
    const query = luceneQuery(text);
    const wanted = searchKinds(kinds);
    const n = firstArg(first);
    const position = decodeCursor(after, 1)?.[0] ?? -1;
    if (typeof position !== "number" || position < -1 || position >= MAX_SEARCH_OFFSET) throw badInput("after", "is not a cursor of this list (use a cursor this list returned)");
    return searchPage(ctx, query, nameTiers(text), wanted, n, position + 1);
  }
}
