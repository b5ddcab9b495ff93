import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { Markdown } from "@/components/markdown/markdown";
import { highlightCode } from "@/lib/markdown/highlight";
import { MAX_FORMULA_CHARS } from "@/lib/markdown/math-guards";
import { markdownToHtml } from "@/lib/markdown/to-html";

// Both renderers: the chat's (React, rendered to HTML as the server sends it) and shared
// pages' (lib/markdown/to-html.ts). Safe whatever the text, math and code as learners need
// them, and (the chat's) sensible while a reply is half written.

const chatHtml = (text: string, streaming = false) =>
  // biome-ignore lint/correctness/noChildrenProp: createElement's typing wants it as a prop here
  renderToStaticMarkup(createElement(Markdown, { streaming, children: text }));

const renderers: [string, (text: string) => string | Promise<string>][] = [
  ["chat (React)", chatHtml],
  ["shared page (HTML)", markdownToHtml],
];

/** Every href in the markup, decoded as the browser would read it. */
const hrefs = (markup: string) =>
  [...markup.matchAll(/href="([^"]*)"/g)].map((m) => (m[1] ?? "").replaceAll("&amp;", "&"));

describe.each(renderers)("%s", (_name, render) => {
  const html = async (text: string) => render(text);

  test("every heading is an h2 below the page's title, keeping the level written for its look", async () => {
    const out = await html("### First steps\n\nPractise.\n\n# Big\n\n###### Small");
    expect([...out.matchAll(/<(h[1-6])[^>]*>/g)].map((m) => m[0])).toEqual([
      '<h2 data-level="3">',
      '<h2 data-level="1">',
      '<h2 data-level="6">',
    ]);
  });

  describe("safety", () => {
    test("raw HTML is text, never markup", async () => {
      const out = await html(
        '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<iframe src="https://evil"></iframe>',
      );
      expect(out).not.toMatch(/<script|<img|<iframe|<[^>]*\sonerror=/i);
    });

    test("javascript: and data: links are dropped; kept links open apart without referrer", async () => {
      const out = await html(
        "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,<script>) [d](https://example.com)",
      );
      expect(hrefs(out).filter((h) => /^\s*(javascript|data|vbscript):/i.test(h))).toEqual([]);
      expect(out).toContain('href="https://example.com"');
      expect(out).toContain('rel="noopener noreferrer nofollow ugc"');
    });

    test.each([
      ["\\href", "$\\href{javascript:alert(1)}{click}$"],
      ["\\url", "$\\url{javascript:alert(1)}$"],
      ["display \\href", "$$\n\\href{javascript:alert(1)}{x}\n$$"],
      ["\\htmlId", "$\\htmlId{x}{y}$"],
      ["\\htmlData", "$\\htmlData{foo=javascript:alert(1)}{y}$"],
    ])("KaTeX %s gives no link and no raw attributes", async (_name, text) => {
      const out = await html(text);
      expect(out).toContain("katex");
      expect(out).not.toMatch(/<a\b/);
      expect(out).not.toMatch(/javascript:[^<]*"/i);
      expect(out).not.toMatch(/data-foo|id="x"/);
    });

    test("only a formula's holder carries HTML: markdown cannot forge one", async () => {
      const forged = await html(
        '<span data-math-html="<img src=x onerror=alert(1)>">x</span>\n\n<div data-math-html="<script>alert(2)</script>"></div>',
      );
      expect(forged).not.toMatch(/<img|<script|<[^>]*\sonerror=/i);
      // A formula KaTeX refuses shows its source, escaped, in the page's error colour.
      const refused = await html("$\\frac{<img src=x onerror=alert(3)>$");
      expect(refused).not.toMatch(/<img|<[^>]*\sonerror=/i);
      expect(refused).toContain("var(--katex-error)");
    });

    test("a formula past MAX_FORMULA_CHARS is shown as its source, not typeset", async () => {
      const nested = (n: number) => `${"\\frac{1}{".repeat(n)}x${"}".repeat(n)}`;
      expect(await html(`$$\n${nested(100)}\n$$`)).toContain("katex-display");
      const long = nested(Math.ceil(MAX_FORMULA_CHARS / 9));
      for (const out of [await html(`$$\n${long}\n$$`), await html(`Inline $${long}$ here`)]) {
        expect(out).not.toContain("katex");
        expect(out).toContain("<code");
      }
    });

    test("code blocks keep hostile text as text", async () => {
      const out = await html("```html\n<script>alert(1)</script>\n```");
      expect(out).not.toContain("<script>");
      expect(out).toMatch(/(&lt;|&#x3C;)(<\/span><span[^>]*>)?script/);
    });
  });

  describe("math", () => {
    test("inline and display math render with KaTeX", async () => {
      const out = await html("Area is $\\pi r^2$.\n\n$$\n\\int_0^1 x\\,dx = \\tfrac12\n$$");
      expect(out).toContain('class="katex"');
      expect(out).toContain('class="katex-display"');
      expect(out).toContain("<math");
    });

    test("prices stay prices", async () => {
      const out = await html("It costs $5 to $10, or $5-$10 with tax.");
      expect(out).not.toContain("katex");
      expect(out).toContain("$5 to $10");
    });
  });
});

describe("code", () => {
  test("the chat shows a fenced block's language and a Copy button, plain until coloured", () => {
    const out = chatHtml("```python\nprint('hi')\n```");
    expect(out).toContain(">python<");
    expect(out).toContain('aria-label="Copy code"');
    expect(out).toContain("print(&#x27;hi&#x27;)");
  });

  test("a shared page's fenced block is coloured, with its language and a Copy button", async () => {
    const out = await markdownToHtml("```python\nprint('hi')\n```\n\n```\nplain <b>\n```");
    expect(out).toContain(">python<");
    expect(out.match(/aria-label="Copy code"/g)).toHaveLength(2);
    expect(out).toMatch(/<span style="color:#[0-9A-Fa-f]{6}">print<\/span>/);
    expect(out).toContain(">code<");
    expect(out).toContain("plain &#x3C;b>");
  });

  test("the highlighter colours known languages and declines unknown ones", async () => {
    const colored = renderToStaticMarkup(
      createElement("code", null, await highlightCode("def f(x):\n    return x", "python")),
    );
    expect(colored).toMatch(/style="color:#[0-9A-Fa-f]{6}"/);
    expect(colored).toContain("return");
    expect(await highlightCode("x", "no-such-language")).toBeNull();
    expect(await highlightCode("x".repeat(30_000), "python")).toBeNull();
  });
});

describe("streaming", () => {
  test("an unclosed **bold shows bold while it is written", () => {
    expect(chatHtml("Keep **practising", true)).toContain("<strong>practising</strong>");
  });

  test("an unterminated code fence is a code block, not text", () => {
    const out = chatHtml("Try this:\n\n```js\nconst a = 1;", true);
    expect(out).toContain("<pre");
    expect(out).toContain("const a = 1;");
    expect(out).not.toContain("```");
  });

  test("an unfinished link is not a link to anywhere yet", () => {
    const out = chatHtml("See [the docs](https://exa", true);
    expect(hrefs(out).filter((h) => h !== "")).toEqual([]);
    expect(out).toContain("the docs");
  });
});
