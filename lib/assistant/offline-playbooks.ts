// What the offline assistant knows about learning, by kind of skill. Texts that name the
// skill take the learner's own words for it, so the plan reads as an answer to them.

// A keyword list kept on one line: Biome would otherwise put each word on its own.
function list(words: string): string[] {
  return words ? words.split(/,\s*/) : [];
}

export type Playbook = {
  keywords: string[];
  intro: (topic: string) => string;
  firstSteps: (topic: string) => string[];
  daily: string;
  weekly: string;
  mistakes: string[];
  timeline: string;
  resources: string[];
  question: (topic: string) => string;
};

const language: Playbook = {
  keywords: list(
    "arabic, chinese, dutch, english, french, german, greek, hindi, italian, japanese, korean, language, mandarin, polish, portuguese, russian, spanish, swedish, turkish, vietnamese",
  ),
  intro: (t) => `${t} rewards a little practice every day far more than long weekend sessions.`,
  firstSteps: () => [
    "Get used to the sounds first: listen to native speakers for 10 minutes a day and repeat short phrases aloud (shadowing).",
    "Learn the 300–500 most frequent words with a spaced-repetition deck (Anki or any similar app).",
    'Learn the few patterns that let you make real sentences ("I am…", "I want…", "I can…" + a verb) and use them about your own life.',
  ],
  daily:
    "10 minutes of flashcards, 10 minutes of listening with a transcript, 5 minutes speaking aloud or writing three sentences about your day.",
  weekly:
    "one conversation with a tutor or exchange partner; write down every word you were missing and add it to your deck.",
  mistakes: [
    "Studying grammar tables for weeks before saying a single sentence.",
    "Only reading, never listening, so your ear falls far behind your eyes.",
    "Switching apps and courses every time progress feels slow.",
  ],
  timeline:
    "with daily practice, simple conversations take about 3 months; comfortable everyday use takes 1–2 years, longer for languages far from ones you already speak.",
  resources: [
    "a spaced-repetition app for vocabulary",
    "graded readers and podcasts made for learners",
    "a tutor or a language-exchange partner for speaking",
  ],
  question: (t) =>
    `Why do you want to learn ${t} (travel, work, family, films…), and how many minutes a day can you realistically give it?`,
};

const music: Playbook = {
  keywords: list(
    "bass, cello, drum, drums, flute, guitar, harmonica, instrument, keyboard, music, piano, saxophone, sing, singing, trumpet, ukulele, violin, voice",
  ),
  intro: (t) => `With ${t}, slow and correct beats fast and sloppy, every time.`,
  firstSteps: () => [
    "Set up well before anything else: posture, how you hold the instrument (or breathe), and a tuner and metronome app.",
    "Learn the 3–4 basic shapes, notes or exercises that unlock your first simple songs.",
    "Pick one easy song you love and make it your first goal.",
  ],
  daily:
    "5 minutes of warm-up or technique, 10 minutes on your current song slowly with a metronome, 5 minutes playing just for fun.",
  weekly:
    "record yourself and listen back; raise the metronome by 5 bpm only on passages you play cleanly.",
  mistakes: [
    "Practising at full speed and rehearsing your mistakes.",
    "Noodling on what you already know instead of the hard bar.",
    "Ignoring rhythm: steady timing matters more than fancy notes.",
  ],
  timeline:
    "about 6–8 weeks of short daily sessions to play a first simple song; around a year to play comfortably with others.",
  resources: [
    "a metronome and tuner app",
    "a beginner method book or video course that goes in order",
    "a few lessons with a teacher to check your posture and technique early",
  ],
  question: () =>
    "What music would you love to be able to play, and do you have an instrument or a teacher yet?",
};

const code: Playbook = {
  keywords: list(
    "c#, c++, code, coding, css, data science, golang, html, java, javascript, kotlin, machine learning, php, programming, python, react, ruby, rust, sql, swift, typescript, web development",
  ),
  intro: (t) =>
    `The fastest way into ${t} is writing small programs yourself, not watching others write them.`,
  firstSteps: () => [
    'Install the tools and run a first "hello world" program, so your setup is never the obstacle.',
    "Learn the core ideas in order: values and variables, conditions, loops, functions, then lists and dictionaries/objects.",
    "Build one tiny project of your own right away: a tip calculator, a to-do list, or a script that renames files.",
  ],
  daily: "10 minutes reading a tutorial or docs, 20–30 minutes typing and changing code yourself.",
  weekly:
    "finish one small feature end to end, put it on GitHub, and read someone else's code for 15 minutes.",
  mistakes: [
    '"Tutorial hell": watching courses without writing code on your own.',
    "Copying code you don't understand instead of changing it and seeing what breaks.",
    "Skimming error messages: they usually tell you exactly what is wrong.",
  ],
  timeline:
    "the basics take 4–8 weeks of regular practice; building small useful things on your own takes about 3–6 months.",
  resources: [
    "the official tutorial and documentation",
    "practice exercises (Exercism or freeCodeCamp)",
    "a small project of your own that you actually want to use",
  ],
  question: (t) =>
    `What do you want to build with ${t}: websites, automation scripts, data analysis, games, something else?`,
};

const movement: Playbook = {
  keywords: list(
    "basketball, boxing, climbing, cycling, dance, dancing, fitness, football, golf, gym, martial arts, running, skateboarding, skating, skiing, soccer, surfing, swim, swimming, tennis, volleyball, weightlifting, yoga",
  ),
  intro: (t) => `${t} is built on technique and consistency; intensity comes later.`,
  firstSteps: () => [
    "Get the basic gear and a safe place to practise; borrow or rent before you buy.",
    "Learn the fundamental technique from a class, a coach or a good beginner video, one element at a time.",
    "Start below your limit (for running, walk–run intervals) so you can keep going week after week.",
  ],
  daily:
    "20–40 minutes: warm-up, one technique drill, easy volume, cool-down; aim for three sessions a week with rest days in between.",
  weekly:
    "make one session slightly harder than last week, and film yourself once to check your form.",
  mistakes: [
    "Doing too much too soon: the classic way to get injured in the first month.",
    "Skipping warm-ups and rest days.",
    "Comparing yourself with people who have trained for years.",
  ],
  timeline:
    "6–8 weeks for the basics to feel natural; a few months of regular sessions for solid technique.",
  resources: [
    "a beginner class or club, for feedback on your form",
    "a simple training log (a notes app is enough)",
    "a structured beginner programme so you don't have to improvise each session",
  ],
  question: (t) =>
    `What is your current fitness level, and is there a goal or an event you are aiming for with ${t}?`,
};

const craft: Playbook = {
  keywords: list(
    "art, calligraphy, crochet, design, drawing, illustration, knitting, painting, photography, pottery, sewing, sketching, watercolor, watercolour, woodworking",
  ),
  intro: (t) => `In ${t}, finishing many small pieces teaches more than polishing one big one.`,
  firstSteps: (t) => [
    "Get a minimal set of materials; more gear will not make the first months easier.",
    `Learn the fundamentals of ${t} with short exercises (for drawing: lines, simple shapes, light and shadow).`,
    "Follow one beginner project from start to finish, then redo it your own way.",
  ],
  daily: "5 minutes of warm-up exercises, then 15–20 minutes on one small piece.",
  weekly:
    "finish one piece and put it next to last week's: name one thing that improved and one to work on.",
  mistakes: [
    "Buying lots of materials instead of using the ones you have.",
    "Perfectionism: restarting pieces instead of finishing them.",
    "Working only from imagination too early; references teach you how things really look.",
  ],
  timeline:
    "about a month of regular practice to see clear progress; 6–12 months for a confident personal style.",
  resources: [
    "one structured beginner course or book",
    "reference photos or pieces by people you admire",
    "a community or class where you can share work and get feedback",
  ],
  question: (t) =>
    `What would you love to make with ${t}, and do you prefer step-by-step exercises or diving into projects?`,
};

const cooking: Playbook = {
  keywords: list("bake, baking, bread, cook, cooking, pastry, sourdough"),
  intro: (t) =>
    `${t} gets easy once a few techniques become automatic; recipes then become variations.`,
  firstSteps: () => [
    "Learn basic knife skills and prepare everything before you turn on the heat (mise en place).",
    "Practise five base techniques: sautéing, roasting, simmering, cooking eggs and making a simple sauce.",
    "Choose three simple recipes and cook each one several times until you no longer need the recipe.",
  ],
  daily: "cook one simple dish, tasting and seasoning at every step; aim for 3–4 sessions a week.",
  weekly: "learn one new technique and use it in a dish you already know.",
  mistakes: [
    "Cooking everything on the highest heat.",
    "Not reading the whole recipe before starting.",
    "Not tasting as you go, then trying to fix the seasoning at the end.",
  ],
  timeline:
    "a few weeks to cook a handful of dishes confidently; a few months to improvise from what is in the fridge.",
  resources: [
    "a good beginner cookbook that explains why, not only how",
    "videos for techniques that are hard to learn from text (knife skills, kneading)",
    "one sharp knife and one heavy pan",
  ],
  question: () => "What do you like to eat, and what equipment do you have in your kitchen?",
};

const communication: Playbook = {
  keywords: list(
    "communication, negotiation, presentation, presenting, public speaking, speaking, storytelling, writing",
  ),
  intro: (t) => `${t} improves fastest with short, frequent attempts and honest feedback.`,
  firstSteps: () => [
    "Record a 2-minute talk (or write 300 words) on a topic you know well, then review it once.",
    "Learn one simple structure and use it every time, for example: point, reason, example, point.",
    "Find one person or group who will give you specific feedback (a friend, a club, a colleague).",
  ],
  daily:
    "10–15 minutes: one short talk or piece of writing, using the structure you are practising.",
  weekly:
    "one real audience, even a small one, and one thing from their feedback to change next time.",
  mistakes: [
    "Waiting to feel ready before practising in front of people.",
    "Trying to fix everything at once instead of one habit at a time.",
    "Memorising word for word instead of knowing your key points.",
  ],
  timeline:
    "a few weeks of regular practice to feel noticeably calmer; a few months for a confident, natural style.",
  resources: [
    "recordings of yourself (the most honest teacher)",
    "a speaking or writing group, such as Toastmasters or a writing circle",
    "talks or texts you admire, to study how they are built",
  ],
  question: (t) => `Where will you use ${t}: at work, in studies, in front of friends, online?`,
};

const general: Playbook = {
  keywords: list(""),
  intro: (t) => `Here is a simple way to get going with ${t}.`,
  firstSteps: (t) => [
    `Decide what "good enough" looks like for ${t} in three months: one concrete thing you want to be able to do.`,
    `Break ${t} into 3–5 smaller sub-skills and start with the one that unlocks the others.`,
    "Choose one good beginner resource (a course, a book or a teacher) and stick with it for a month.",
  ],
  daily:
    "20–30 minutes of focused practice on one sub-skill, ending with 2 minutes of notes on what was hard.",
  weekly: "review your notes: what improved, what is stuck, and what to change next week.",
  mistakes: [
    "Collecting resources instead of practising.",
    "Only practising what already feels comfortable.",
    "Going without feedback for weeks: find someone or something that tells you what to fix.",
  ],
  timeline:
    "with regular practice most people see real progress in 4–6 weeks and solid basics in about 3 months.",
  resources: [
    "one structured beginner course or book",
    "a person further along who can give you feedback",
    "a simple practice log to see your progress",
  ],
  question: (t) =>
    `What is your starting point with ${t}, and what would you like to be able to do in three months?`,
};

const PLAYBOOKS = [language, music, code, movement, craft, cooking, communication];

/** The playbook whose keywords appear in the topic, or a general one. */
export function playbookFor(topic: string): Playbook {
  const text = ` ${topic.toLowerCase().replace(/[^a-z0-9#+]+/g, " ")} `;
  return PLAYBOOKS.find((p) => p.keywords.some((k) => text.includes(` ${k} `))) ?? general;
}

// Names people often type in lower case.
const PROPER_NAMES: Record<string, string> = {
  css: "CSS",
  html: "HTML",
  javascript: "JavaScript",
  php: "PHP",
  python: "Python",
  react: "React",
  sql: "SQL",
  typescript: "TypeScript",
  ...Object.fromEntries(
    language.keywords
      .filter((k) => k !== "language")
      .map((k) => [k, k[0]?.toUpperCase() + k.slice(1)]),
  ),
};

export function properCase(topic: string): string {
  return topic.replace(/[A-Za-z]+/g, (word) => PROPER_NAMES[word.toLowerCase()] ?? word);
}
