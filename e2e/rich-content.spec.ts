import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { ChatbotPage } from "./pages/chatbot";
import { SharePage } from "./pages/share";

// Code and math, as learners need them: coloured code with its language and Copy, KaTeX
// formulas with self-hosted fonts, in the chat and on shared pages (where the server
// colours the code, so readers download no highlighter).

const lesson = [
  "## Mean and variance",
  "",
  "The mean is $\\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i$, and it costs $5 to $10 to print.",
  "",
  "$$",
  "\\sigma^2 = \\frac{1}{n} \\sum_{i=1}^{n} (x_i - \\bar{x})^2",
  "$$",
  "",
  "```python",
  "def mean(xs):",
  "    # the average of a list",
  "    return sum(xs) / len(xs)",
  "```",
  "",
  "A link in math must not run script: $\\href{javascript:alert(1)}{click}$ and $\\url{javascript:alert(2)}$.",
].join("\n");

const messages = [
  { message_type: "user" as const, content: "How do I compute a mean in Python?" },
  { message_type: "assistant" as const, content: lesson },
];

/** Every origin the page loaded something from, and the scripts' text. */
function watchLoads(page: Page) {
  const origins = new Set<string>();
  const scripts: Promise<string>[] = [];
  page.on("request", (request) => origins.add(new URL(request.url()).origin));
  page.on("response", (response) => {
    // A response the page navigated away from has no body left: nothing to check.
    if (response.request().resourceType() === "script") {
      scripts.push(response.text().catch(() => ""));
    }
  });
  return { origins, scripts: () => Promise.all(scripts) };
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function expectMathAndNoScriptLinks(page: Page, root: ReturnType<Page["locator"]>) {
  await expect(root.locator(".katex").first()).toBeVisible();
  await expect(root.locator(".katex-display")).toHaveCount(1);
  await expect(root).toContainText("costs $5 to $10 to print");
  expect(await root.locator('a[href^="javascript:" i]').count()).toBe(0);
  expect(await root.locator(".katex a").count()).toBe(0);
  // KaTeX's fonts come from this site.
  await expect
    .poll(() =>
      page.evaluate(() =>
        [...document.fonts].some((f) => f.family.includes("KaTeX") && f.status === "loaded"),
      ),
    )
    .toBe(true);
}

test("the chat colours code, typesets math, and copies code", async ({
  page,
  context,
}, testInfo) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const loads = watchLoads(page);
  const chat = new ChatbotPage(page);
  await chat.goto();
  const created = await chat.createChat(messages);
  await chat.goto(`/chatbot/c/${created.id}`);
  const reply = chat.replies().first();

  const code = reply.locator("pre code");
  await expect(reply.getByText("python", { exact: true })).toBeVisible();
  // Shown plain at once, coloured once the highlighter has loaded.
  await expect(code.locator('span[style*="color"]').first()).toBeVisible();
  await expectMathAndNoScriptLinks(page, reply);

  await reply.getByRole("button", { name: "Copy code" }).click();
  expect(await chat.clipboard()).toBe(
    "def mean(xs):\n    # the average of a list\n    return sum(xs) / len(xs)",
  );

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      expect(await seriousViolations(page)).toEqual([]);
      // Nothing wider than the screen: long formulas and code scroll inside their box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
      await reply.screenshot({
        path: testInfo.outputPath(`chat-code-math-${width}-${scheme}.png`),
      });
    }
  }
  expect([...loads.origins]).toEqual([new URL(page.url()).origin]);
});

test("a shared page has coloured code and math in its HTML, no script files, and working buttons", async ({
  page,
  browser,
}, testInfo) => {
  const chat = new ChatbotPage(page);
  await chat.goto();
  const created = await chat.createChat(messages);
  const shared = await page.request.patch(`/api/chats/${created.id}`, {
    data: { is_shared: true },
  });
  const { share_id: shareId } = await shared.json();

  const html = await (await page.request.get(`/chatbot/share/${shareId}`)).text();
  expect(html).toMatch(/<span style="color:#[0-9A-Fa-f]{6}">def<\/span>/);
  expect(html).toContain('class="katex-display"');
  expect(html).not.toMatch(/href="javascript:/i);

  // No framework: no script file, no RSC payload, one inline script for the buttons.
  expect(html).not.toMatch(/<script[^>]+src=|__next_f/);
  expect(html.match(/<script>/g)).toHaveLength(1);

  const reader = await browser.newContext();
  await reader.grantPermissions(["clipboard-read", "clipboard-write"]);
  const view = await reader.newPage();
  const loads = watchLoads(view);
  const share = new SharePage(view);
  await share.open(shareId);
  const conversation = share.conversation();
  await expectMathAndNoScriptLinks(view, conversation);
  const copy = conversation.getByRole("button", { name: "Copy code" });
  await copy.click();
  await expect(copy).toHaveText("Copied");
  expect(await view.evaluate(() => navigator.clipboard.readText())).toBe(
    "def mean(xs):\n    # the average of a list\n    return sum(xs) / len(xs)",
  );
  await expect(copy).toHaveText("Copy");
  await share.copyLink();
  expect(await view.evaluate(() => navigator.clipboard.readText())).toBe(view.url());
  expect(await loads.scripts()).toEqual([]);
  expect([...loads.origins]).toEqual([new URL(view.url()).origin]);
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await view.setViewportSize({ width, height });
    expect(await seriousViolations(view)).toEqual([]);
    await view.screenshot({
      path: testInfo.outputPath(`share-code-math-${width}.png`),
      fullPage: true,
    });
  }
  await reader.close();
});
