import { type Playbook, playbookFor, properCase } from "./offline-playbooks";

// The offline assistant's answer, from the learner's messages alone: find the skill they
// name, guess what they ask about it, and fill the matching playbook. Pure and
// deterministic, so the same conversation always gets the same reply.

type Lead = { pattern: RegExp; verb: (match: RegExpExecArray) => boolean };

// Phrases that introduce a skill, tried in order; the last group is the skill. `verb`
// says the skill is a verb phrase ("to play chess"), which reads better as "playing chess".
const LEADS: Lead[] = [
  {
    pattern:
      /\b(?:learn(?:ing)?|study(?:ing)?|master(?:ing)?|pick(?:ing)? up|get(?:ting)? (?:better|good|started) (?:at|with)|improv(?:e|ing)(?: at| in| on)?|practi[cs](?:e|ing)|get(?:ting)? into|start(?:ing)?(?: with| learning)?|begin(?:ning)?(?: with)?|teach me(?: how)?|becom(?:e|ing) (?:good|better) at)\s+(to\s+|how to\s+)?(.+)/i,
    verb: (m) => Boolean(m[1]),
  },
  {
    pattern:
      /\b(?:help(?: me)? with|tips (?:for|on)|advice (?:for|on|about)|interested in|curious about|new to|beginner (?:at|in|with)|struggling with)\s+(.+)/i,
    verb: () => false,
  },
  {
    pattern: /\bhow (?:do|can|could|should|would) (?:i|you|one|we|someone)\s+(.+)/i,
    verb: () => true,
  },
  { pattern: /\bhow to\s+(.+)/i, verb: () => true },
  {
    pattern:
      /\b(?:want|wanna|would like|'d like|need|hope|wish|trying|planning|plan) to\s+(?:be able to\s+)?(.+)/i,
    verb: () => true,
  },
];

// Where the skill phrase ends and the rest of the sentence (time frames, reasons) begins.
const CLAUSE_BREAK =
  /\s(?:but|because|since|so|while|when|if|though|although|and (?:i|i'm|i'd|want|need|how|what|where|would|also)|in (?:\d+|a|an|one|two|three|six|the|my|under|less|about)|for (?:my|work|a|an|the|fun|free|beginners|me|school|\d+)|as (?:a|an|my)|without|within|by (?:myself|next|the end)|from (?:scratch|home|zero|the beginning)|at (?:home|work|my|the age)|on my own|this (?:year|month|week|summer)|next (?:year|month|week)|before|after|every|each|please)\b/i;
const LEADING_FILLER =
  /^(?:the (?:basics|fundamentals) of|basics of|fundamentals of|more about|about|some|a bit of|a little|how to|my|the|a|an|to)\s+/i;
const TRAILING_FILLER =
  /\s+(?:better|well|properly|really|now|too|again|quickly|fast|faster|fluently|confidently|today|asap)$/i;
const VAGUE = new Set(
  "it this that them something anything everything stuff things more new skill skills me you yourself here there learn learning study studying practice practising practicing improve improving start starting begin".split(
    " ",
  ),
);
const SMALL_TALK =
  /^(?:hi|hello|hey|yo|thanks|thank you|thx|ok|okay|yes|no|sure|cool|great|nice|good (?:morning|afternoon|evening))\b/i;

function gerund(verb: string): string {
  const w = verb.toLowerCase();
  if (w.length > 4 && w.endsWith("ing")) return verb;
  if (w === "be") return "being";
  if (w.endsWith("ie")) return `${verb.slice(0, -2)}ying`;
  if (w.endsWith("e") && !/(?:ee|ye|oe)$/.test(w)) return `${verb.slice(0, -1)}ing`;
  // One syllable ending consonant-vowel-consonant doubles it: swim → swimming.
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(w)) return `${verb}${verb.slice(-1)}ing`;
  return `${verb}ing`;
}

function tidy(raw: string, verb: boolean): string | undefined {
  let phrase = (raw.split(/[.?!,;:()\n"]/)[0] ?? "").split(CLAUSE_BREAK)[0] ?? "";
  phrase = phrase.trim();
  for (let previous = ""; previous !== phrase; ) {
    previous = phrase;
    phrase = phrase.replace(LEADING_FILLER, "").replace(TRAILING_FILLER, "").trim();
  }
  const words = phrase.split(/\s+/).filter(Boolean).slice(0, 5);
  if (words.length === 0 || words.every((w) => VAGUE.has(w.toLowerCase()))) return undefined;
  if (verb && words[0]) words[0] = gerund(words[0]);
  return properCase(words.join(" "));
}

/** The skill a message names, in the learner's words, if it names one. */
export function findSkill(message: string): string | undefined {
  const text = message.replace(/\s+/g, " ").trim();
  for (const lead of LEADS) {
    const match = lead.pattern.exec(text);
    const raw = match?.[match.length - 1];
    const skill = match && raw ? tidy(raw, lead.verb(match)) : undefined;
    if (skill) return skill;
  }
  return undefined;
}

/** A message that is only a topic ("Python", "watercolor painting"), not small talk. */
function bareSkill(message: string): string | undefined {
  const text = message.replace(/\s+/g, " ").trim();
  const words = text.split(" ").filter(Boolean);
  if (words.length === 0 || words.length > 4 || SMALL_TALK.test(text)) return undefined;
  if (/[?\d]/.test(text)) return undefined;
  return tidy(text, false);
}

type Intent = "plan" | "timeline" | "resources" | "stuck" | "thanks";

function intentOf(message: string): Intent {
  if (/\bhow (?:long|much time|many (?:hours|days|weeks|months|years))\b/i.test(message)) {
    return "timeline";
  }
  if (
    /\b(?:resources?|books?|videos?|courses?|apps?|websites?|youtube|tutorials?|recommend\w*)\b/i.test(
      message,
    )
  ) {
    return "resources";
  }
  if (
    /\b(?:stuck|plateau\w*|motivat\w*|give up|giving up|frustrat\w*|bored|boring|procrastinat\w*|no progress|not improving)\b/i.test(
      message,
    )
  ) {
    return "stuck";
  }
  if (/^\s*(?:thanks|thank you|thx|cheers)\b/i.test(message) && message.length < 80) {
    return "thanks";
  }
  return "plan";
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function plan(skill: string, p: Playbook): string[] {
  return [
    `## Your starter plan for ${skill}`,
    "",
    capitalize(p.intro(skill)),
    "",
    "### First steps",
    ...p.firstSteps(skill).map((step, i) => `${i + 1}. ${step}`),
    "",
    "### Practice routine",
    `- **Each session:** ${capitalize(p.daily)}`,
    `- **Each week:** ${capitalize(p.weekly)}`,
    "",
    "### Common mistakes to avoid",
    ...p.mistakes.map((m) => `- ${m}`),
    "",
    "### Your turn",
    p.question(skill),
  ];
}

function firstWeek(skill: string, p: Playbook): string[] {
  const [a, b, c] = p.firstSteps(skill);
  return [
    `Thanks, that helps. Here is a concrete first week for ${skill}:`,
    "",
    `- **Days 1–2:** ${a}`,
    `- **Days 3–4:** ${b}`,
    `- **Days 5–6:** ${c}`,
    `- **Day 7:** ${capitalize(p.weekly)}`,
    "",
    `From week two, keep a steady routine. Each session: ${p.daily}`,
    "",
    "### Your turn",
    "Come back after the first week and tell me what felt easy and what felt hard; I'll adjust the plan.",
  ];
}

function timeline(skill: string, p: Playbook): string[] {
  return [
    `## How long ${skill} takes`,
    "",
    `It depends more on how often you practise than on talent. As a rough guide: ${p.timeline}`,
    "",
    "What makes it faster:",
    "- Short, regular sessions instead of long, occasional ones.",
    "- Spending most of the time on the parts you find hard.",
    "- Feedback early and often, so you don't practise mistakes.",
    "",
    "### Your turn",
    `How much time per week can you give ${skill}? I'll turn it into a weekly schedule.`,
  ];
}

function resources(skill: string, p: Playbook): string[] {
  return [
    `## Resources for ${skill}`,
    "",
    "A few resources used well beat a long list. Pick one of each:",
    ...p.resources.map((r) => `- ${capitalize(r)}`),
    "",
    "Give them a month before adding anything new.",
    "",
    "### Your turn",
    "Do you learn best from videos, books, or a person showing you?",
  ];
}

function stuck(skill: string): string[] {
  return [
    `## Getting unstuck with ${skill}`,
    "",
    "Feeling stuck is normal: it usually means practice has become comfortable. For the next two weeks:",
    "1. **Shrink the session.** Ten focused minutes every day beat an hour you keep postponing.",
    "2. **Change the kind of practice.** Slow down, isolate the hardest small part, or test yourself instead of repeating what you know.",
    "3. **Make progress visible.** Keep a short log and compare with where you were a month ago.",
    "4. **Get outside feedback.** One comment from someone further along can save weeks.",
    "",
    "### Your turn",
    "What exactly feels stuck right now, and what does a typical practice session look like?",
  ];
}

const WELCOME = [
  "## Hi, I'm SkillMate",
  "",
  "I help you learn new skills with a concrete plan: first steps, a practice routine, and the mistakes to avoid.",
  "",
  "Tell me **what you want to learn** and where you are starting from, for example:",
  '- "I want to learn Spanish for a trip in six months"',
  '- "How do I get better at drawing faces?"',
  '- "Teach me to play the guitar, I\'m a complete beginner"',
];

/** The reply to a conversation, given the learner's messages in order. */
export function composeOfflineReply(userMessages: string[]): string {
  const last = userMessages.at(-1) ?? "";
  const intent = intentOf(last);
  const earlier = userMessages
    .slice(0, -1)
    .reverse()
    .map((m) => findSkill(m) ?? bareSkill(m))
    .find(Boolean);
  // A follow-up ("how do I stay motivated?") is about the skill already under discussion,
  // not a new one; only a plain request can switch skills.
  const named =
    intent === "thanks" || (intent !== "plan" && earlier)
      ? undefined
      : (findSkill(last) ?? (earlier ? undefined : bareSkill(last)));
  const skill = named ?? earlier;
  if (!skill) return WELCOME.join("\n");

  const playbook = playbookFor(skill);
  const lines =
    intent === "timeline"
      ? timeline(skill, playbook)
      : intent === "resources"
        ? resources(skill, playbook)
        : intent === "stuck"
          ? stuck(skill)
          : intent === "thanks"
            ? [`You're welcome! Enjoy ${skill}, and tell me how your first week goes.`]
            : named
              ? plan(skill, playbook)
              : firstWeek(skill, playbook);
  return lines.join("\n");
}
