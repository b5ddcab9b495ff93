import { describe, expect, test } from "vitest";
import {
  type Finding,
  findingKey,
  initialForm,
  planChanges,
  redactionOf,
  type ShareChat,
} from "@/components/chatbot/share-options-plan";

// What the Share options dialog sends for each choice: only what changes, and a share
// that goes public in one request with all its options.

const NOW = Date.parse("2026-12-01T12:00:00Z");
const HOUR = 3600_000;

const chat = (fields: Partial<ShareChat> = {}): ShareChat => ({
  id: "0b0e7a4c-1f4e-4a55-9a6f-3d1c3c2f1a00",
  title: "Chat",
  share_id: "abc",
  is_shared: false,
  is_discoverable: false,
  is_pinned: false,
  is_archived: false,
  share_url: null,
  share_expires_at: null,
  created_at: "2026-12-01T10:00:00.000Z",
  updated_at: "2026-12-01T10:00:00.000Z",
  message_count: 2,
  branched_from: null,
  share_mode: "live",
  snapshot_at: null,
  shared_at: null,
  ...fields,
});

const shared = (fields: Partial<ShareChat> = {}) =>
  chat({ is_shared: true, share_url: "http://x/chatbot/share/abc", shared_at: "x", ...fields });

const finding = (start: number, redacted = false): Finding => ({
  message_id: "5f1d6c1e-8a3b-4d1f-9a2e-1c3b5d7f9a11",
  kind: "email",
  excerpt: "j***@g***.com",
  start,
  end: start + 10,
  redacted,
});

const plan = (c: ShareChat, change: Partial<ReturnType<typeof initialForm>>, f: Finding[] = []) =>
  planChanges(c, { ...initialForm(c, f, NOW), ...change }, f, true, NOW);

describe("planChanges", () => {
  test("a chat never shared: Share sends one request, live, never expiring", () => {
    expect(plan(chat(), {})).toEqual({ share: { is_shared: true, expires_in: null } });
  });

  test("shared before: a new link unless the owner revives the old one", () => {
    const before = chat({ shared_at: "2026-11-30T10:00:00.000Z" });
    expect(plan(before, {}).share).toEqual({ is_shared: true, expires_in: null, new_link: true });
    expect(plan(before, { link: "revive" }).share).toEqual({ is_shared: true, expires_in: null });
  });

  test("a shared chat, nothing changed: nothing sent", () => {
    expect(plan(shared(), {})).toEqual({});
    const expiring = shared({ share_expires_at: new Date(NOW + HOUR).toISOString() });
    expect(initialForm(expiring, [], NOW).expiry).toBe("keep");
    expect(plan(expiring, {})).toEqual({});
  });

  test("extending or removing an expiry", () => {
    const expiring = shared({ share_expires_at: new Date(NOW + HOUR).toISOString() });
    expect(plan(expiring, { expiry: "604800" }).share).toEqual({
      is_shared: true,
      expires_in: 604_800,
    });
    expect(plan(expiring, { expiry: "never" }).share).toEqual({
      is_shared: true,
      expires_in: null,
    });
  });

  test("an expired link is shared again with the expiry chosen now", () => {
    const expired = shared({ share_expires_at: new Date(NOW - HOUR).toISOString() });
    expect(initialForm(expired, [], NOW).expiry).toBe("never");
    expect(plan(expired, {}).share).toEqual({ is_shared: true, expires_in: null });
  });

  test("snapshot: taken with the ticked findings; all ticked is 'all'", () => {
    const findings = [finding(0), finding(20)];
    const one = plan(
      shared(),
      { mode: "snapshot", hidden: new Set([findingKey(finding(20))]) },
      findings,
    );
    expect(one.share).toEqual({
      is_shared: true,
      mode: "snapshot",
      redact: [{ message_id: findings[1]?.message_id, start: 20, end: 30 }],
    });
    const all = new Set(findings.map(findingKey));
    expect(redactionOf(findings, all)).toBe("all");
    expect(redactionOf(findings, new Set())).toEqual([]);
  });

  test("a snapshot already shared: re-taken only when the ticks change; live drops it", () => {
    const snap = shared({ share_mode: "snapshot", snapshot_at: "2026-12-01T11:00:00.000Z" });
    const findings = [finding(0, true), finding(20)];
    expect(initialForm(snap, findings, NOW).hidden).toEqual(new Set([findingKey(finding(0))]));
    expect(plan(snap, {}, findings)).toEqual({});
    expect(plan(snap, { hidden: new Set() }, findings).share).toEqual({
      is_shared: true,
      mode: "snapshot",
      redact: [],
    });
    expect(plan(snap, { mode: "live" }, findings).share).toEqual({ is_shared: true, mode: "live" });
  });

  test("discoverability: only for accounts, and only when it changes", () => {
    expect(plan(shared(), { discoverable: true })).toEqual({ discoverable: true });
    const c = shared();
    expect(
      planChanges(c, { ...initialForm(c, [], NOW), discoverable: true }, [], false, NOW),
    ).toEqual({});
  });
});
