// Times Mozilla's Readability with jsdom on the article extraction benchmark's
// pages: prints pages per second (one run; jsdom is slow).
//
//   node bench/peers/readability_js.mjs ../shared/data/article_extraction_benchmark
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const root = process.argv[2];
const dir = path.join(root, "html");
const pages = fs.readdirSync(dir).filter((f) => f.endsWith(".html.gz")).sort()
  .map((f) => zlib.gunzipSync(fs.readFileSync(path.join(dir, f))).toString("utf8"));
const quiet = new VirtualConsole();
const start = process.hrtime.bigint();
for (const html of pages) {
  try {
    const dom = new JSDOM(html, { virtualConsole: quiet });
    new Readability(dom.window.document).parse();
    dom.window.close();
  } catch (e) {
    // a page it cannot read still costs its time
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`readability.js ${pages.length} pages in ${seconds.toFixed(3)} s = ${(pages.length / seconds).toFixed(0)} pages/s`);
