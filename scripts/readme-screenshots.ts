// `npm run screenshots`: the two pictures README shows (docs/images/), taken of the built app in Chromium over the
// real core, in a temporary data folder and vault. Run `npm run build` first.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from '../e2e/support/chromium';
import { startPreview } from '../src-main/preview/preview-server';

const derivation = `# Kinetic energy

Let $v$ be the speed and $m$ the mass. The work done accelerating from rest is

$$
W = \\int_0^v m u \\, du = \\frac{1}{2} m v^2
$$

so $E_k = \\frac{1}{2} m v^2$. For a rigid body turning at $\\omega$ about a fixed axis,

$$
E_{\\text{rot}} = \\frac{1}{2} \\sum_i m_i r_i^2 \\omega^2 = \\frac{1}{2} I \\omega^2 .
$$
`;

const root = await mkdtemp(join(tmpdir(), 'stillroom-screenshots-'));
const vaultDir = join(root, 'vault');
await mkdir(join(vaultDir, 'Notes'), { recursive: true });
await mkdir(join(root, 'data'), { recursive: true });
await writeFile(join(vaultDir, 'Notes', 'Kinetic energy.md'), derivation);
const preview = await startPreview({
  dataDir: join(root, 'data'),
  vaultDir,
  rendererRoot: resolve('out/renderer'),
  clock: 'system',
  host: { log: () => undefined, notificationsEnv: { PATH: process.env.PATH } },
});
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'Dismiss' }).click();

  await page.getByRole('navigation').getByRole('button', { name: 'Notepad' }).click();
  await page.getByRole('button', { name: /^Kinetic energy/ }).click();
  await page.locator('.katex').nth(4).waitFor();
  await page.screenshot({ path: 'docs/images/notepad.png' });

  await page.getByRole('navigation').getByRole('button', { name: 'Focus' }).click();
  await page.getByLabel('What is this session for?').fill('prove the energy bound in Lemma 3');
  await page.getByRole('button', { name: /^Start 90 minutes/ }).click();
  // Each protection's settled line (the preview has no guard, and says so), not "Turning on…".
  for (const id of ['blocking', 'notifications']) {
    await page.locator(`[data-protection="${id}"] .protection-status`).filter({ hasNotText: 'Turning on' }).waitFor();
  }
  await page.screenshot({ path: 'docs/images/focus.png' });
  console.warn('docs/images/notepad.png and docs/images/focus.png written');
} finally {
  await browser.close();
  await preview.close();
  await rm(root, { recursive: true, force: true });
}
