#!/usr/bin/env node
// Prints a PDF's text as pdf.js (Firefox's viewer) extracts it: each page's
// getTextContent() items in order, an item's hasEOL as a newline, a form
// feed after each page.
// Usage: node pdfjs_text.mjs FILE.pdf
// pdfjs-dist is found from the working directory, then from each folder of
// NODE_PATH (e.g. NODE_PATH=/path/to/node_modules).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
if (!file) {
  console.error('usage: node pdfjs_text.mjs FILE.pdf');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const paths = [process.cwd(), ...(process.env.NODE_PATH || '').split(delimiter).filter(Boolean)];
const pdfjs = await import(pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs', { paths })).href);

const data = new Uint8Array(readFileSync(file));
const doc = await pdfjs.getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
const out = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  for (const item of content.items) {
    if (item.str !== undefined) out.push(item.str);
    if (item.hasEOL) out.push('\n');
  }
  out.push('\f');
}
process.stdout.write(out.join(''));
