import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { openApiDocument } from "@/lib/openapi";

// The OpenAPI document against the routes on disk: every app/api/**/route.ts and every
// operation it exports is in the document, and nothing else is, save the exclusions below.
//
// Route modules are read as source, never imported (they need the server runtime).
//
// The path of a route file: its folders under app/, `[name]` as `{name}` in snake_case
// (the contract's spelling: `[shareId]` is `{share_id}`), `(group)` folders left out,
// and the Django trailing slash the document writes, except after a file name
// (`openapi.json`). A catch-all `[...name]` has no OpenAPI form (a template matches one
// segment): such a route must be excluded.
//
// The operations of a route file: the HTTP methods it exports (`export const GET =`,
// `export async function GET`, `export { handler as GET }`, `export const { GET } = …`),
// except 405 handlers. A method is a 405 handler when its value comes from a call of a
// function whose name says so (NOT_ALLOWED: `notAllowed("POST")` today), or when it is
// destructured from a call of a helper that builds a route's method exports from an
// object of its real handlers (`export const { GET, POST } = methods({ POST: … })`): the
// object's keys are the operations, the other destructured methods are 405 handlers.
// An export this rule cannot read (`export *`, a re-export from another module, a rest
// element) fails the test, so that the rule is extended rather than a method skipped.

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const NOT_ALLOWED = /not_?allowed/i;

/** Routes the document leaves out on purpose (by file under app/api/), and why. */
const EXCLUDED: Record<string, string> = {
  "auth/[...nextauth]/route.ts":
    "Auth.js's own endpoints (sign-in, sign-out, session, CSRF token, OAuth callbacks): form posts and redirects of its protocol, used by the app's pages through next-auth, not part of this API; named in the document's description",
  "[...path]/route.ts":
    "the catch-all that answers any unknown /api/ path with the contract's JSON 404: not an operation, stated in the document's description",
};

const apiDir = path.join(import.meta.dirname, "../../app/api");

function routeFiles(dir = apiDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : routeFiles(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path.relative(apiDir, full)] : [];
  });
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function documentPath(file: string): string {
  const segments = path
    .dirname(file)
    .split(path.sep)
    .filter((s) => s !== "." && !/^\(.*\)$/.test(s))
    .map((s) => {
      if (s.startsWith("[...") || s.startsWith("[[...")) {
        throw new Error(`${file}: a catch-all route has no OpenAPI path; exclude it`);
      }
      const param = /^\[(\w+)\]$/.exec(s);
      return param ? `{${snakeCase(param[1] as string)}}` : s;
    });
  const last = segments.at(-1) ?? "";
  return `/api/${segments.join("/")}${last.includes(".") ? "" : "/"}`;
}

function calleeName(expression: ts.Expression): string {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return "";
}

/** Parentheses, `as`, `satisfies` and `!` taken off. */
function unwrap(expression: ts.Expression): ts.Expression {
  let e = expression;
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isNonNullExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

/** The keys of an object literal of method handlers, when a helper call is given one. */
function handlerKeys(call: ts.CallExpression): string[] | null {
  const [first] = call.arguments;
  if (!first || !ts.isObjectLiteralExpression(unwrap(first))) return null;
  return (unwrap(first) as ts.ObjectLiteralExpression).properties.flatMap((p) =>
    p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : [],
  );
}

/** The methods a route file exports, each with whether it is a real operation. */
function exportedMethods(
  file: string,
  text = readFileSync(path.join(apiDir, file), "utf8"),
): Map<string, boolean> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

  // Whether each local binding (exported or not) is an operation: undefined when unknown.
  const locals = new Map<string, boolean>();
  const exports = new Map<string, string>(); // exported name -> local name
  const unreadable = (node: ts.Node, why: string) => {
    throw new Error(`${file}: ${why}: \`${node.getText(source).slice(0, 80)}\``);
  };

  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      locals.set(statement.name.text, !NOT_ALLOWED.test(statement.name.text));
      if (exported(statement)) exports.set(statement.name.text, statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer && unwrap(declaration.initializer);
        const call = init && ts.isCallExpression(init) ? init : null;
        const refuses = call !== null && NOT_ALLOWED.test(calleeName(call.expression));
        if (ts.isIdentifier(declaration.name)) {
          const name = declaration.name.text;
          // An alias of another local is resolved below; anything else is an operation.
          locals.set(
            name,
            init && ts.isIdentifier(init) ? (locals.get(init.text) ?? true) : !refuses,
          );
          if (exported(statement)) exports.set(name, name);
        } else if (ts.isObjectBindingPattern(declaration.name)) {
          const keys = call && !refuses ? handlerKeys(call) : null;
          for (const element of declaration.name.elements) {
            if (element.dotDotDotToken || !ts.isIdentifier(element.name)) {
              unreadable(element, "a destructured export this test cannot read");
            }
            const local = (element.name as ts.Identifier).text;
            const key =
              element.propertyName && ts.isIdentifier(element.propertyName)
                ? element.propertyName.text
                : local;
            locals.set(local, keys ? keys.includes(key) : !refuses);
            if (exported(statement)) exports.set(local, local);
          }
        } else if (exported(statement)) {
          unreadable(declaration, "an export this test cannot read");
        }
      }
    } else if (ts.isExportDeclaration(statement)) {
      if (statement.moduleSpecifier || !statement.exportClause) {
        unreadable(statement, "a re-export from another module: this test cannot see its value");
      } else if (ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) {
          exports.set(element.name.text, (element.propertyName ?? element.name).text);
        }
      }
    } else if (ts.isExportAssignment(statement)) {
      unreadable(statement, "a default export in a route file");
    }
  }

  const methods = new Map<string, boolean>();
  for (const [name, local] of exports) {
    if (!HTTP_METHODS.includes(name)) continue;
    const operation = locals.get(local);
    if (operation === undefined) throw new Error(`${file}: ${name} is not declared in the file`);
    methods.set(name, operation);
  }
  return methods;
}

const files = routeFiles();

const PATH_ITEM_OPERATIONS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

describe("the OpenAPI document against app/api/**/route.ts", () => {
  test("the routes are found, and each exclusion names a route that exists", () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of Object.keys(EXCLUDED)) expect(files, file).toContain(file);
  });

  test("the document's operations are exactly the routes' exported operations, minus the exclusions", () => {
    const onDisk = files
      .filter((file) => !(file in EXCLUDED))
      .flatMap((file) =>
        [...exportedMethods(file)]
          .filter(([, operation]) => operation)
          .map(([method]) => `${method} ${documentPath(file)}`),
      );
    const documented = Object.entries(openApiDocument().paths).flatMap(([p, item]) =>
      Object.keys(item)
        .filter((key) => PATH_ITEM_OPERATIONS.includes(key))
        .map((method) => `${method.toUpperCase()} ${p}`),
    );
    expect(documented.sort()).toEqual(onDisk.sort());
  });

  test("every path parameter is declared, as the route's folder names it", () => {
    const doc = openApiDocument();
    for (const [p, item] of Object.entries(doc.paths)) {
      const inPath = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const pathItem = item as { parameters?: { name: string; in: string; required?: boolean }[] };
      for (const [key, op] of Object.entries(item)) {
        if (!PATH_ITEM_OPERATIONS.includes(key)) continue;
        const params = [
          ...(pathItem.parameters ?? []),
          ...((op as { parameters?: typeof pathItem.parameters }).parameters ?? []),
        ].filter((param) => param.in === "path");
        expect(params.map((param) => param.name).sort(), `${key} ${p}`).toEqual(inPath);
        for (const param of params) expect(param.required, `${p} ${param.name}`).toBe(true);
      }
    }
  });

  test.each([
    [
      "const exports, 405 handlers by notAllowed()",
      'export const POST = route(async () => ok);\nexport const GET = notAllowed("POST");',
      { POST: true, GET: false },
    ],
    ["a function declaration", "export async function GET() { return ok; }", { GET: true }],
    [
      "aliases of locals",
      'const h = route(f);\nconst no = notAllowed("GET");\nexport { h as GET, no as POST, h as PATCH };',
      { GET: true, POST: false, PATCH: true },
    ],
    [
      "another module's handlers, wrapped or not",
      "export const GET = handlers.GET;\nexport const POST = withLimit(handlers.POST);",
      { GET: true, POST: true },
    ],
    [
      "405 handlers destructured from a helper",
      'export const { GET, PUT } = methodsNotAllowed("POST");\nexport const POST = route(f);',
      { GET: false, PUT: false, POST: true },
    ],
    [
      "method exports built from an object of handlers",
      "export const { GET, POST, DELETE } = methods({ POST: route(f), DELETE: del });",
      { GET: false, POST: true, DELETE: true },
    ],
    ["other exports", 'export const dynamic = "force-dynamic";', {}],
  ])("the rule reads %s", (_, text, expected) => {
    expect(Object.fromEntries(exportedMethods("x/route.ts", text))).toEqual(expected);
  });

  test.each([
    ['export * from "./other";'],
    ['export { GET } from "./other";'],
    ["export const { GET, ...rest } = methods({ GET: f });"],
    ["export default route(f);"],
  ])("the rule refuses what it cannot read: %s", (text) => {
    expect(() => exportedMethods("x/route.ts", text)).toThrow();
  });

  test("paths are derived as the document writes them", () => {
    expect(documentPath("chats/share/[shareId]/continue/route.ts")).toBe(
      "/api/chats/share/{share_id}/continue/",
    );
    expect(documentPath("(group)/chats/[id]/route.ts")).toBe("/api/chats/{id}/");
    expect(documentPath("openapi.json/route.ts")).toBe("/api/openapi.json");
    expect(() => documentPath("[...path]/route.ts")).toThrow(/catch-all/);
  });
});
