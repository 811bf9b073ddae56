"use strict";
// Lets require() load .jsx, .tsx and .ts files: TypeScript only strips types and
// compiles JSX with the classic transform (React.createElement) to CommonJS.
const fs = require("fs");
const ts = require("typescript");

function compile(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const output = ts.transpileModule(source, {
    compilerOptions: {
      jsx: ts.JsxEmit.React,
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020,
      esModuleInterop: true,
    },
    fileName: filename,
  });
  module._compile(output.outputText, filename);
}

for (const ext of [".jsx", ".tsx", ".ts"]) require.extensions[ext] = compile;
