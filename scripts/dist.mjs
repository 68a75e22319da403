// `make dist`: a static folder any host can serve (default dist/, or the first argument).
//
//   dist/index.html, embed.html, guide.html   the pages, pointing at hashed bundles
//   dist/web/plainly.js                        stable entry for course sites (re-exports the bundle)
//   dist/web/js/*-HASH.js                      esbuild bundles and chunks (wasm bindings included)
//   dist/web/pkg/plainly_wasm_bg-HASH.wasm     the WebAssembly module
//   dist/web/assets/NAME-HASH.EXT              weights, word vectors, digits, model cards
//   dist/_headers, dist/.htaccess              MIME type, CSP and caching for common hosts
//   dist/SERVING.md                            what a host must send
//
// Files under web/js, web/pkg and web/assets never change under their name: cache them for a
// year. The HTML pages and web/plainly.js are small and must be revalidated.
// The bundle finds the hashed files through a table given to esbuild's --define (see
// web/core/wasm.js); every URL stays relative to the bundle, so the folder can live under any
// path and be used from other origins.

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const PAGES = ['index.html', 'embed.html', 'guide.html'];
const ENTRIES = { plainly: 'web/plainly.js', page: 'web/page.js', embed: 'web/embed.js', guide: 'web/guide.js' };

/** The Content Security Policy the pages are tested with (tests/embed.test.mjs). */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
  + "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors *; base-uri 'none'; object-src 'none'";

const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 10);

function hashedCopy(from, toDir) {
  const bytes = readFileSync(from);
  const ext = extname(from);
  const name = `${basename(from, ext)}-${hash(bytes)}${ext}`;
  mkdirSync(toDir, { recursive: true });
  copyFileSync(from, join(toDir, name));
  return name;
}

function build() {
  const wasm = join(ROOT, 'web/pkg/plainly_wasm_bg.wasm');
  if (!existsSync(wasm)) throw new Error('web/pkg is missing: run `make wasm` first');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  // 1. the wasm module and every asset under content-hashed names; the table the bundle reads
  //    maps the paths web/core/wasm.js writes (relative to web/core/) to the shipped ones.
  const renamed = {};
  mkdirSync(join(OUT, 'web/assets'), { recursive: true });
  renamed['../pkg/plainly_wasm_bg.wasm'] = `../pkg/${hashedCopy(wasm, join(OUT, 'web/pkg'))}`;
  for (const name of readdirSync(join(ROOT, 'web/assets'))) {
    const from = join(ROOT, 'web/assets', name);
    if (!statSync(from).isFile()) continue;
    if (/LICENSE/i.test(name)) { copyFileSync(from, join(OUT, 'web/assets', name)); continue; }
    renamed[`../assets/${name}`] = `../assets/${hashedCopy(from, join(OUT, 'web/assets'))}`;
  }

  // 2. the JavaScript: one bundle per page plus shared chunks, all in web/js/ (one level below
  //    web/, like web/core/, so relative URLs resolve the same way as unbundled)
  const entryPoints = Object.entries(ENTRIES).filter(([, path]) => existsSync(join(ROOT, path)))
    .map(([out, path]) => ({ out, in: join(ROOT, path) }));
  const result = esbuild.buildSync({
    entryPoints, bundle: true, splitting: true, format: 'esm', minify: true, target: 'es2022',
    outdir: join(OUT, 'web/js'), entryNames: '[name]-[hash]', chunkNames: 'chunk-[hash]',
    define: { PLAINLY_DIST_FILES: JSON.stringify(renamed) }, legalComments: 'eof', metafile: true,
    logLevel: 'warning',
  });
  const bundles = {};
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const source = relative(ROOT, resolve(meta.entryPoint));
    bundles[source] = relative(OUT, resolve(file)).split('\\').join('/');
  }
  const js = readdirSync(join(OUT, 'web/js')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(OUT, 'web/js', f), 'utf8')).join('\n');
  if (/\beval\(|new Function\(/.test(js)) throw new Error('the bundle uses eval or new Function: the CSP forbids it');

  // 3. a stable entry for course sites: <script type="module" src="…/web/plainly.js">
  writeFileSync(join(OUT, 'web/plainly.js'),
    `// Plainly's stable entry: registers every widget. The code itself is in a content-hashed file.\nexport * from './${bundles['web/plainly.js'].replace(/^web\//, '')}';\n`);

  // 4. the pages, pointing at the hashed bundles
  for (const page of PAGES) {
    if (!existsSync(join(ROOT, page))) continue;
    let html = readFileSync(join(ROOT, page), 'utf8');
    html = html.replace(/(<script[^>]*\ssrc=")(web\/[\w-]+\.js)(")/g, (all, a, src, b) => (bundles[src] ? `${a}${bundles[src]}${b}` : all));
    writeFileSync(join(OUT, page), html);
  }
  copyServing();
  return { renamed, bundles };
}

function copyServing() {
  const immutable = 'public, max-age=31536000, immutable';
  writeFileSync(join(OUT, '_headers'), `# Netlify / Cloudflare Pages headers. Other hosts: see SERVING.md.
/*
  Content-Security-Policy: ${CSP}
  X-Content-Type-Options: nosniff
/web/*
  Access-Control-Allow-Origin: *
/*.wasm
  Content-Type: application/wasm
/web/js/*
  Cache-Control: ${immutable}
/web/pkg/*
  Cache-Control: ${immutable}
/web/assets/*
  Cache-Control: ${immutable}
`);
  writeFileSync(join(OUT, '.htaccess'), `# Apache: the wasm type, cross-origin use of the widgets, the CSP, long caching of hashed files.
AddType application/wasm .wasm
Header set Content-Security-Policy "${CSP}"
<If "%{REQUEST_URI} =~ m#/web/#">
  Header set Access-Control-Allow-Origin "*"
</If>
<If "%{REQUEST_URI} =~ m#/web/(js|pkg|assets)/#">
  Header set Cache-Control "${immutable}"
</If>
`);
  writeFileSync(join(OUT, 'SERVING.md'), `# Serving Plainly

Copy this folder to any static host. It needs no server code, no threads and no COOP/COEP headers.

- **\`.wasm\` must be served as \`application/wasm\`** (streaming compilation refuses other types).
  nginx ≥ 1.21 and most hosts know it; otherwise add \`types { application/wasm wasm; }\` (nginx),
  \`AddType application/wasm .wasm\` (Apache, in \`.htaccess\` here), or see \`_headers\`.
- **Other origins** (a course site loading \`web/plainly.js\` from this host) need
  \`Access-Control-Allow-Origin: *\` on \`web/\`: module scripts, the wasm and the assets are all
  fetched with CORS.
- **Content Security Policy** that works for these pages:

      ${CSP}

  Scripts are files from this origin (no inline script, no \`eval\`); \`'wasm-unsafe-eval'\` is what
  compiling WebAssembly needs. A course site embedding the widgets adds this host to its own
  \`script-src\` and \`connect-src\` (and \`'wasm-unsafe-eval'\` to \`script-src\`); one using the iframe
  adds it to \`frame-src\`.
- **Caching**: files under \`web/js/\`, \`web/pkg/\` and \`web/assets/\` have content hashes in their
  names and never change: cache them for a year (\`immutable\`). Revalidate the HTML pages and
  \`web/plainly.js\`.
`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { renamed, bundles } = build();
  console.log(`dist: ${relative(process.cwd(), OUT) || '.'} (${Object.keys(renamed).length} hashed files, bundles: ${Object.values(bundles).join(', ')})`);
}

export { build };
