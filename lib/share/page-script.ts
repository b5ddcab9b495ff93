import { copyText } from "@/components/markdown/copy-text";
import { COPY_CODE_LABEL, COPY_SHOWN_MS } from "@/lib/markdown/markup";

// The shared page's only script, inline (no download, no framework): the two buttons
// under the conversation and the Copy button of each code block, as
// components/markdown/copy-text.ts, use-copy.ts and the chat's buttons behave. Plain
// JavaScript for every browser the page supports; e2e/share.spec.ts and
// e2e/rich-content.spec.ts run it in Chromium. copyText is the chat's own function, by
// its source: it uses nothing but its argument and the browser's globals.
export const PAGE_SCRIPT = `(() => {
  const LABEL = ${JSON.stringify(COPY_CODE_LABEL)};
  const status = document.getElementById("share-status");
  const say = (text) => { status.textContent = text; };

  const copyText = ${copyText.toString()};

  async function copyCode(button) {
    // innerText: the coloured code breaks lines with <br>, which textContent leaves out.
    const code = button.closest("[data-code-frame]").querySelector("pre code").innerText;
    const ok = await copyText(code);
    const [copyIcon, checkIcon] = button.querySelectorAll("svg");
    const show = (copied, label) => {
      copyIcon.hidden = copied;
      checkIcon.hidden = !copied;
      button.querySelector("span").textContent = label;
    };
    show(ok, ok ? LABEL.copied : LABEL.failed);
    clearTimeout(button.resetTimer);
    button.resetTimer = setTimeout(() => show(false, LABEL.idle), ${COPY_SHOWN_MS});
  }

  async function continueConversation(button) {
    button.disabled = true;
    say("Copying the conversation…");
    const response = await fetch("/api/chats/share/" + button.dataset.continue + "/continue", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    }).catch(() => null);
    if (response && response.ok) {
      const chat = await response.json();
      window.location.assign("/chatbot/c/" + chat.id);
      return;
    }
    const body = response ? await response.json().catch(() => null) : null;
    say((body && body.error && body.error.message) || "Could not reach the server. Try again.");
    button.disabled = false;
  }

  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element && event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-copy-code")) void copyCode(button);
    else if (button.hasAttribute("data-continue")) void continueConversation(button);
    else if (button.hasAttribute("data-copy-link"))
      void copyText(window.location.href).then((ok) =>
        say(ok ? "Link copied to the clipboard." : "Could not copy: copy the address from the address bar."),
      );
  });
})();`;
