import { expect, type Page, test } from "@playwright/test";
import { shareChatOverHttp } from "../tests/support/share-over-http";
import { ChatbotPage } from "./pages/chatbot";
import { SharePage } from "./pages/share";

// Security headers on every kind of response, a CSP the app runs under without a single
// violation, a cached share page that stays cached, and no image a reader's browser
// would fetch from another host.

const sharedChat = (
  baseURL: string | undefined,
  messages: { message_type: string; content: string }[],
) =>
  shareChatOverHttp(baseURL ?? "", {
    title: `Headers ${crypto.randomUUID().slice(0, 8)}`,
    messages,
  });

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers["content-security-policy"] ?? "";
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "img-src 'self' data: blob:",
  ]) {
    expect(csp, `${what}: ${directive}`).toContain(directive);
  }
  // No remote host may serve anything.
  expect(csp, what).not.toMatch(/https?:|\*/);
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"], what).toBe("max-age=63072000; includeSubDomains");
  expect(headers["permissions-policy"], what).toContain("camera=()");
}

test("every kind of response carries the security headers, and a cached share page stays cached", async ({
  playwright,
  baseURL,
}) => {
  const chat = await sharedChat(baseURL, [
    { message_type: "user", content: "How do I learn to knit?" },
    { message_type: "assistant", content: "Start with a **garter stitch** scarf." },
  ]);
  const anonymous = await playwright.request.newContext({ baseURL });
  const sharePath = `/chatbot/share/${chat.shareId}`;
  const first = await anonymous.get(sharePath);
  expect(first.status()).toBe(200);
  const asset = (await first.text()).match(/\/_next\/static\/[^"]+\.css/)?.[0];
  expect(asset).toBeTruthy();
  const cached = await anonymous.get(sharePath);
  expect(cached.headers()["x-share-cache"]).toBe("HIT");
  expectSecurityHeaders(cached.headers(), "cached share page");

  const paths = [
    "/",
    "/sign-in",
    "/sign-up",
    "/chatbot",
    "/api/chats",
    "/api/chats/not-a-chat",
    "/api/nowhere",
    "/api/openapi.json",
    `/api/chats/share/${chat.shareId}`,
    `${sharePath}/opengraph-image`,
    "/chatbot/share/AAAAAAAAAAAAAAAAAAAAAA",
    "/no-such-page",
    "/sitemap.xml",
    "/robots.txt",
    asset ?? "",
  ];
  for (const path of paths) {
    const response = await anonymous.get(path, { maxRedirects: 0 });
    expectSecurityHeaders(response.headers(), `${path} (${response.status()})`);
  }
  await anonymous.dispose();
});

/** Collects CSP violations the page reports, in the console and as events. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Refused to load: CSP ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

test("the app runs under its CSP without one violation", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const violations = await watchCsp(page);
  for (const path of ["/", "/sign-in", "/sign-up", "/no-such-page"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  const chat = new ChatbotPage(page);
  await chat.goto();
  await chat.sendAndWait("I want to learn to knit");
  await expect(chat.replies()).toHaveCount(1);
  const title = (await chat.title().textContent()) ?? "";
  await chat.share(title);
  await chat.copyLink();
  const link = await chat.clipboard();
  expect(link).toContain("/chatbot/share/");
  await page.goto(link);
  const share = new SharePage(page);
  await expect(share.title()).toHaveText(title);
  await share.copyLink();
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test("images in a shared chat are links: nothing is fetched from another host", async ({
  baseURL,
  page,
}) => {
  const chat = await sharedChat(baseURL, [
    { message_type: "user", content: "Show me a diagram" },
    {
      message_type: "assistant",
      content:
        'Here: ![pixel](https://tracker.example/p.png?reader=1)\n\n<img src="https://tracker.example/raw.png">',
    },
  ]);
  const foreign: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("tracker.example")) foreign.push(r.url());
  });
  await new SharePage(page).open(chat.shareId);
  await page.waitForLoadState("networkidle");
  const link = page.getByRole("link", { name: "Image: pixel" });
  await expect(link).toHaveAttribute("href", "https://tracker.example/p.png?reader=1");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow ugc");
  expect(
    await page.locator("img").evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src)),
  ).toEqual(expect.not.arrayContaining([expect.stringContaining("tracker.example")]));
  // Raw HTML is text, never an element.
  await expect(page.getByText('<img src="https://tracker.example/raw.png">')).toBeVisible();
  expect(foreign).toEqual([]);
});
