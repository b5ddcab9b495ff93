import { z } from "zod";

// The one zod the shared schemas are built with. In the browser, building an object
// schema makes zod probe `new Function` to decide whether to compile its parser: under
// our CSP (no 'unsafe-eval') that probe is a reported violation. The browser parses
// little, so there it interprets; servers keep the compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
