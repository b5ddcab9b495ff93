// Where a browser's main thread spent its time: summaries of a CDP CPU profile (by
// function and by script) and of a Chromium trace (self time by trace event, grouped
// into script, style, layout, paint, GC and HTML parsing), for the UI benchmarks.

/** The parts of a CDP `Profiler.Profile` used here. */
export type CpuProfile = {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
};

export type ProfileEntry = {
  name: string;
  url: string;
  line: number;
  column: number;
  selfMs: number;
};

export type CpuSummary = {
  totalMs: number;
  /** Self time per function (name, script, position), highest first. */
  functions: ProfileEntry[];
  /** Self time per script URL, or per V8 pseudo-node such as "(program)", highest first. */
  scripts: { url: string; selfMs: number }[];
};

export function summarizeCpuProfile(profile: CpuProfile): CpuSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Sample i stands for the time until sample i+1 (DevTools does the same).
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number;
    const us = deltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + us);
  }
  const functions = new Map<string, ProfileEntry>();
  const scripts = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const name = functionName || (url ? "(anonymous)" : "(native)");
    const key = `${name}|${url}|${lineNumber}|${columnNumber}`;
    const entry = functions.get(key) ?? {
      name,
      url,
      line: lineNumber + 1,
      column: columnNumber + 1,
      selfMs: 0,
    };
    entry.selfMs += us / 1000;
    functions.set(key, entry);
    const script = url || name;
    scripts.set(script, (scripts.get(script) ?? 0) + us / 1000);
  }
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    functions: [...functions.values()].sort((a, b) => b.selfMs - a.selfMs),
    scripts: [...scripts.entries()]
      .map(([url, selfMs]) => ({ url, selfMs }))
      .sort((a, b) => b.selfMs - a.selfMs),
  };
}

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
};

export type TracePhase = "script" | "style" | "layout" | "paint" | "gc" | "parse HTML" | "other";

export type TraceSummary = {
  /** Self time per trace event name on the renderers' main threads, highest first. */
  events: { name: string; phase: TracePhase; selfMs: number }[];
  phases: Record<TracePhase, number>;
};

const PHASES: [TracePhase, RegExp][] = [
  ["gc", /GC|Heap|Sweep|Mark|Scavenge|Compact/i],
  [
    "script",
    /^(FunctionCall|EvaluateScript|v8\.|V8\.|TimerFire|EventDispatch|FireAnimationFrame|RunMicrotasks|FireIdleCallback|XHR|ProfileCall|CompileScript|CompileCode|CacheScript|ParseScript|ScriptStreamed|HandlePostMessage|RunMicrotask)/,
  ],
  [
    "style",
    /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|InvalidateLayout|StyleInvalidatorInvalidationTracking|ScheduleStyleRecalculation)/,
  ],
  [
    "layout",
    /^(Layout|UpdateLayout|IntersectionObserver|ComputeIntersections|HitTest|ScrollLayer)/,
  ],
  [
    "paint",
    /^(Paint|PrePaint|Layerize|CompositeLayers|UpdateLayer|Commit|PaintImage|Decode|Rasterize|Animation)/,
  ],
  ["parse HTML", /^ParseHTML/],
];

function phaseOf(name: string): TracePhase {
  for (const [phase, pattern] of PHASES) if (pattern.test(name)) return phase;
  return "other";
}

/**
 * Self time (an event's duration minus its direct children's) per event name, on every
 * renderer main thread ("CrRendererMain") of a Chromium trace (`{traceEvents}` or an array).
 */
export function summarizeTrace(trace: unknown): TraceSummary {
  const all: TraceEvent[] = Array.isArray(trace)
    ? trace
    : ((trace as { traceEvents?: TraceEvent[] }).traceEvents ?? []);
  const mainThreads = new Set(
    all
      .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
      .map((e) => `${e.pid}:${e.tid}`),
  );
  // Complete events, with B/E pairs turned into complete ones, per thread.
  const spans = new Map<string, { name: string; ts: number; dur: number }[]>();
  const open = new Map<string, TraceEvent[]>();
  for (const e of all) {
    const thread = `${e.pid}:${e.tid}`;
    if (!mainThreads.has(thread)) continue;
    const list = spans.get(thread) ?? [];
    spans.set(thread, list);
    if (e.ph === "X" && typeof e.dur === "number")
      list.push({ name: e.name, ts: e.ts, dur: e.dur });
    else if (e.ph === "B") {
      const stack = open.get(thread) ?? [];
      stack.push(e);
      open.set(thread, stack);
    } else if (e.ph === "E") {
      const begin = open.get(thread)?.pop();
      if (begin) list.push({ name: begin.name, ts: begin.ts, dur: e.ts - begin.ts });
    }
  }
  const self = new Map<string, number>();
  for (const list of spans.values()) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const stack: { name: string; end: number; self: number }[] = [];
    const close = (until: number) => {
      while (stack.length > 0 && (stack.at(-1) as { end: number }).end <= until) {
        const done = stack.pop() as { name: string; self: number };
        self.set(done.name, (self.get(done.name) ?? 0) + done.self);
      }
    };
    for (const span of list) {
      close(span.ts);
      const parent = stack.at(-1);
      if (parent) parent.self -= Math.min(span.dur, parent.end - span.ts);
      stack.push({ name: span.name, end: span.ts + span.dur, self: span.dur });
    }
    close(Number.POSITIVE_INFINITY);
  }
  const phases: Record<TracePhase, number> = {
    script: 0,
    style: 0,
    layout: 0,
    paint: 0,
    gc: 0,
    "parse HTML": 0,
    other: 0,
  };
  const events = [...self.entries()]
    .map(([name, us]) => ({ name, phase: phaseOf(name), selfMs: Math.max(0, us) / 1000 }))
    .sort((a, b) => b.selfMs - a.selfMs);
  for (const e of events) phases[e.phase] += e.selfMs;
  return { events, phases };
}
