// A partner's mirror in TypeScript, written against the types openapi-typescript generates from the
// contract (src/ledger.d.ts). It is only type-checked (tsc --strict): it proves that a client can page
// the feed with the server's own cursor ({after: data.next}), tell the kinds of entries apart, and
// pass typed query parameters (integers, enums) without casts.
import createClient from "openapi-fetch";
import type { components, paths } from "./ledger";

type FeedEntry = components["schemas"]["FeedEntry"];
type Entry = components["schemas"]["Entry"];

export async function mirror(baseUrl: string, after = 0, onEntry: (entry: FeedEntry) => void): Promise<number> {
  const client = createClient<paths>({ baseUrl });
  let page = await client.GET("/v1/feed", { params: { query: { after, limit: 500 } } });
  for (;;) {
    if (page.error) {
      throw new Error(`${page.error.status} ${page.error.title}: ${page.error.detail ?? ""}`);
    }
    const data = page.data;
    for (const entry of data.items) {
      onEntry(entry);
    }
    if (data.items.length === 0) {
      return data.next; // the position this mirror holds; resume from it later
    }
    page = await client.GET("/v1/feed", { params: { query: { after: data.next, limit: 500, wait: 0 } } });
  }
}

/** What a dashboard shows of an entry: narrowing the oneOf by its properties and its `type`. */
export function describe(entry: FeedEntry): string {
  if ("redacted" in entry) {
    return `#${entry.position} ${entry.type} (restricted)`;
  }
  switch (entry.type) {
    case "actor_revision":
      return `#${entry.position} actor ${entry.name} revision ${entry.revision}`;
    case "bill_revision":
      return `#${entry.position} bill ${entry.title}`;
    case "case_revision":
      return `#${entry.position} case ${entry.title}`;
    case "exchange_rate":
      return `#${entry.position} rate ${entry.currency} ${entry.usdPerUnit}`;
    default:
      return record(entry);
  }
}

function record(entry: Entry): string {
  const details = entry.details;
  if ("detainedCount" in details) {
    return `#${entry.position} ${entry.occurredOn}: ${details.detainedCount} detained by ${details.authority}`;
  }
  if ("issuedBy" in details) {
    return `#${entry.position} ${entry.occurredOn}: fined ${details.amount.amount} ${details.amount.currency}`;
  }
  return `#${entry.position} ${entry.type} ${entry.occurredOn}: ${entry.summary}`;
}

/** Typed filters: enums and integers where the server expects them. */
export async function finesOf2025(baseUrl: string): Promise<string[]> {
  const client = createClient<paths>({ baseUrl });
  const { data } = await client.GET("/v1/records", {
    params: { query: { type: "fine", from: "2025", to: "2025", include: "superseded", limit: 200 } },
  });
  const stats = await client.GET("/v1/stats", { params: { query: { groupBy: "country" } } });
  const scopes: components["schemas"]["Scope"][] = ["write", "restricted:read"];
  return [...(data?.items ?? []).map((e) => e.summary), String(stats.data?.groups.length ?? 0), ...scopes];
}
