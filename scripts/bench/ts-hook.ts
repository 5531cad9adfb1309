/**
 * Lets Node require TypeScript sources directly, compiled on the fly with TypeScript's own
 * `transpileModule` (no type check; `npm run typecheck` does that). The bench uses it for the parts
 * that run the Office adapter and the task pane over the fake Excel, which the CLI build
 * (tsconfig.cli.json: Node types only) does not compile.
 */
import * as fs from "fs";
import * as ts from "typescript";

type Loader = (module: NodeJS.Module & { _compile(code: string, file: string): void }, file: string) => void;

export function registerTypeScript(): void {
  const extensions = require.extensions as unknown as Record<string, Loader>;
  if (extensions[".ts"]) return;
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2020,
    jsx: ts.JsxEmit.ReactJSX,
    esModuleInterop: true,
    resolveJsonModule: true,
    sourceMap: false,
  };
  const load: Loader = (module, file) => {
    const { outputText } = ts.transpileModule(fs.readFileSync(file, "utf8"), {
      compilerOptions: options,
      fileName: file,
    });
    module._compile(outputText, file);
  };
  extensions[".ts"] = load;
  extensions[".tsx"] = load;
}
