// Builds the browser modules into the Python package (src/dossier/web/static), one file per
// entry with a fixed name so the server's templates can reference them; no HTML, no inline
// script (the pages' Content-Security-Policy forbids it). Swagger UI's files are copied for
// the self-hosted /api/docs page.
import { cpSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig } from "vite";

const out = resolve(__dirname, "../src/dossier/web/static");

function swaggerFiles() {
  return {
    name: "copy-swagger-ui",
    closeBundle() {
      const from = resolve(__dirname, "node_modules/swagger-ui-dist");
      mkdirSync(resolve(out, "swagger"), { recursive: true });
      for (const f of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"]) {
        cpSync(resolve(from, f), resolve(out, "swagger", f));
      }
    },
  };
}

export default defineConfig({
  base: "/static/",
  publicDir: resolve(__dirname, "public"),
  plugins: [swaggerFiles()],
  worker: {
    format: "es",
    rollupOptions: { output: { entryFileNames: "workers/[name].js", chunkFileNames: "workers/[name].js" } },
  },
  build: {
    outDir: out,
    emptyOutDir: true,
    modulePreload: false,
    sourcemap: false,
    target: "es2020",
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        reader: resolve(__dirname, "src/reader.js"),
        graph: resolve(__dirname, "src/graph.js"),
        map: resolve(__dirname, "src/map.js"),
        timeline: resolve(__dirname, "src/timeline.js"),
        "swagger-init": resolve(__dirname, "src/swagger-init.js"),
      },
      output: {
        entryFileNames: "[name].js",
        chunkFileNames: "chunks/[name].js",
        assetFileNames: "assets/[name][extname]",
      },
    },
  },
});
