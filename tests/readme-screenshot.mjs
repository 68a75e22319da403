// Regenerates docs/digit-en.png and docs/digit-zh.png for README: a real MNIST test digit
// written on the pad (needs `make wasm` first). Usage: node tests/readme-screenshot.mjs

import { join } from 'node:path';
import { serve, launch, sampleDigits, drawDigit, padBox, digitReady, ROOT } from './helpers.mjs';

const server = await serve();
const chrome = await launch();
try {
  for (const lang of ['en', 'zh']) {
    const page = await chrome.newPage({ viewport: { width: 1000, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${server.url}/?lang=${lang}`);
    await digitReady(page);
    const box = await padBox(page);
    const four = sampleDigits().find((d) => d.label === 4);
    await drawDigit(page, four.pixels, { x: box.x + 10, y: box.y + 10, size: box.width - 20 });
    await page.waitForTimeout(300); // let the bars finish their transition
    await page.locator('#digit').screenshot({ path: join(ROOT, `docs/digit-${lang}.png`) });
    await page.context().close();
  }
} finally {
  await chrome.close();
  await server.close();
}
