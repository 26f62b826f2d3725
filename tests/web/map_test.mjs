// Browser test of the web map against a real `straitwatch run`.
//
//   node tests/web/map_test.mjs PATH_TO_STRAITWATCH
//
// Builds web/ (npm ci when node_modules is missing, then vite build), starts the server on a
// free loopback port with a temporary data directory, the scripted-encounters scenario and a
// principals file written here, and drives headless Chromium (/usr/bin/chromium, through
// playwright-core from web/node_modules) through what an operator does: log in, watch tracks
// appear and move, open a track's details and history, acknowledge and hand over an alert
// (checked on the server through the REST API), request a search area and see it drawn,
// replay the past, and log in as principals whose nation, purposes or rights keep some items
// from them, which must then be absent. Screenshots and the server log go to SW_ARTEFACT_DIR
// (default: ./web-test-artefacts under the current directory). Exit status 0 only when every
// check passed.
//
// Environment: SW_WEB_SPEED (simulation speed, default 10), SW_WEB_ALERT_TIMEOUT_S and
// SW_WEB_CRITICAL_TIMEOUT_S (how long to wait for the first alert and the first critical one,
// default 300 s each), SW_WEB_SKIP_BUILD=1 (use web/dist as it is).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Report, wait_for } from './lib/report.mjs';
import { Server, free_port, principals_toml, run_help } from './lib/server.mjs';
import { may_release } from './lib/release.mjs';

const kRepo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const kWeb = path.join(kRepo, 'web');
const kSpeed = Number(process.env.SW_WEB_SPEED || 10);
const kAlertTimeoutMs = Number(process.env.SW_WEB_ALERT_TIMEOUT_S || 300) * 1000;
const kCriticalTimeoutMs = Number(process.env.SW_WEB_CRITICAL_TIMEOUT_S || 300) * 1000;
const kWholeTestMs = 15 * 60 * 1000;
const kChromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

/// Who logs in. uk-watch acts on alerts; be-liaison is of a nation no simulated source
/// releases to; fr-analyst may not see personal data and may not act; uk-admin sees all.
const kPrincipals = [
  { name: 'uk-watch', nation: 'UK', agency: 'UK/HMCG', roles: ['watch_officer'], purposes: ['sar', 'border'], personal_data: true },
  { name: 'be-liaison', nation: 'BE', agency: 'BE/MRCC', roles: ['analyst'], purposes: ['sar'], personal_data: false },
  { name: 'fr-analyst', nation: 'FR', agency: 'FR/CROSS-GN', roles: ['analyst'], purposes: ['sar'], personal_data: false },
  { name: 'uk-admin', nation: 'UK', agency: 'UK/HMCG', roles: ['admin'], purposes: ['sar', 'border', 'law'], personal_data: true },
];
const principal = (name) => kPrincipals.find((candidate) => candidate.name === name);

function build_web() {
  if (process.env.SW_WEB_SKIP_BUILD === '1' && fs.existsSync(path.join(kWeb, 'dist', 'index.html'))) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (!fs.existsSync(path.join(kWeb, 'node_modules', 'vite'))) {
    execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: kWeb, stdio: 'inherit' });
  }
  execFileSync(npm, ['run', 'build'], { cwd: kWeb, stdio: 'inherit' });
}

async function shot(page, artefacts, name) {
  const file = path.join(artefacts, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`# screenshot ${file}`);
}

/// Opens the map in a new tab as a principal: through the URL fragment, or by typing into the login box.
async function open_map(context, server, who, { via_login_box = false } = {}) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  if (via_login_box) {
    await page.goto(server.base);
    await page.getByTestId('login').waitFor({ state: 'visible', timeout: 20000 });
    await page.getByTestId('login-token').fill(who.token);
    await page.getByTestId('login-submit').click();
  } else {
    await page.goto(`${server.base}#token=${who.token}`);
  }
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
  return page;
}

const shown_tracks = (page) => page.evaluate(() => window.straitwatch.shown_tracks());

/// A shown track that stands apart from the others on screen (so a click hits only it).
async function clickable_track(page, prefer_class) {
  return page.evaluate((preferred) => {
    const hooks = window.straitwatch;
    const [width, height] = hooks.map.getSize();
    const placed = hooks
      .shown_tracks()
      .map((track) => ({ track, pixel: hooks.pixel_of_track(track.id) }))
      .filter(({ pixel }) => pixel && pixel[0] > 40 && pixel[1] > 40 && pixel[0] < width - 40 && pixel[1] < height - 40);
    const alone = placed.filter(({ pixel }, index) =>
      placed.every((other, other_index) => other_index === index || Math.hypot(other.pixel[0] - pixel[0], other.pixel[1] - pixel[1]) > 24),
    );
    const pick = alone.find(({ track }) => track.class === preferred) || alone[0] || placed[0];
    return pick ? { id: pick.track.id, class: pick.track.class } : null;
  }, prefer_class);
}

async function click_track(page, id) {
  const pixel = await page.evaluate((track_id) => window.straitwatch.pixel_of_track(track_id), id);
  if (!pixel) return false;
  const box = await page.getByTestId('map').boundingBox();
  await page.mouse.click(box.x + pixel[0], box.y + pixel[1]);
  return true;
}

async function main() {
  const binary = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  if (!binary || !fs.existsSync(binary)) {
    console.error('usage: node tests/web/map_test.mjs PATH_TO_STRAITWATCH');
    return 2;
  }
  if (!fs.existsSync('/usr/bin/chromium')) {
    console.error('not ok - /usr/bin/chromium is missing: install Debian\'s chromium package (apt-get install -y chromium)');
    return 1;
  }
  const report = new Report();
  const artefacts = path.resolve(process.env.SW_ARTEFACT_DIR || path.join(process.cwd(), 'web-test-artefacts'));
  fs.mkdirSync(artefacts, { recursive: true });
  const work_dir = fs.mkdtempSync(path.join(os.tmpdir(), 'straitwatch-web-'));
  const guard = setTimeout(() => {
    console.error(`not ok - whole test: still running after ${kWholeTestMs / 60000} min`);
    process.exit(1);
  }, kWholeTestMs);
  guard.unref();

  build_web();
  const require = createRequire(path.join(kWeb, 'package.json'));
  const { chromium } = require('playwright-core');

  const principals_file = path.join(work_dir, 'principals.toml');
  fs.writeFileSync(principals_file, principals_toml(kPrincipals));
  const help = run_help(binary);
  const extra_args = [];
  if (help.includes('--web-root')) extra_args.push('--web-root', path.join(kWeb, 'dist'));
  const server = new Server({
    binary,
    port: await free_port(),
    work_dir,
    principals_file,
    scenario: path.join(kRepo, 'data', 'sim', 'encounters.toml'),
    speed: kSpeed,
    extra_args,
    log_file: path.join(artefacts, 'server.log'),
  });
  console.log(`# server: ${server.command.join(' ')}`);
  const admin = principal('uk-admin');
  const watch = principal('uk-watch');

  let browser = null;
  try {
    const healthy = await wait_for(async () => {
      if (server.exited) throw new Error(`server exited ${JSON.stringify(server.exited)}; see ${artefacts}/server.log`);
      try {
        return (await server.request(admin.token, 'GET', 'api/health')).status === 200;
      } catch {
        return false;
      }
    }, 90000, 500);
    if (!report.check('server answers /api/health', healthy)) return finish(report);
    const page_answer = await fetch(server.base);
    report.check('server serves the web app at /', page_answer.ok && (await page_answer.text()).includes('straitwatch'));

    // A fresh profile; each page (tab) keeps its own sessionStorage, so each principal gets a page.
    browser = await chromium.launchPersistentContext(path.join(work_dir, 'chromium-profile'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: kChromiumArgs,
      viewport: { width: 1400, height: 900 },
    });
    const page = await open_map(browser, server, watch);

    await report.step('login from the URL fragment', async () => {
      const principal_text = await page.getByTestId('principal').textContent();
      report.check('the logged-in principal is shown', principal_text.includes('uk-watch'), principal_text);
      const stored = await page.evaluate(() => ({ hash: window.location.hash, token: window.sessionStorage.getItem('straitwatch.token') }));
      report.check('the token left the address bar for sessionStorage', !stored.hash.includes('token') && stored.token === watch.token, JSON.stringify(stored.hash));
    });

    await report.step('tracks appear and move', async () => {
      const count = await wait_for(async () => Number(await page.getByTestId('track-counts').getAttribute('data-total')), 60000);
      report.check('tracks appear on the map', count > 0, `count ${count}`);
      const geography = await wait_for(async () => Number(await page.getByTestId('map').getAttribute('data-geography')), 20000);
      report.check('geography layers are loaded', geography > 0);
      const before = new Map((await shown_tracks(page)).map((track) => [track.id, track]));
      const moved = await wait_for(async () => {
        for (const track of await shown_tracks(page)) {
          const old = before.get(track.id);
          if (old && Math.hypot(track.lat - old.lat, track.lon - old.lon) > 2e-5) return track.id;
        }
        return null;
      }, 60000, 500);
      report.check('tracks move with the stream', moved !== null);
      const dark = await wait_for(async () => Number(await page.getByTestId('track-counts').getAttribute('data-dark')), 120000, 1000);
      report.check('DARK contacts are shown', dark > 0);
      await shot(page, artefacts, '01_tracks');
    });

    await report.step('the viewport limits the stream', async () => {
      const inside = await page.evaluate(() => {
        const hooks = window.straitwatch;
        const track = hooks.shown_tracks().find((candidate) => candidate.class === 'cooperative') || hooks.shown_tracks()[0];
        hooks.focus_track(track.id, 12);
        return track.id;
      });
      await page.waitForTimeout(3000);
      const stray = await page.evaluate(() => {
        const hooks = window.straitwatch;
        const extent = hooks.map.getView().calculateExtent(hooks.map.getSize());
        const grow = (extent[2] - extent[0]) * 0.5;
        return hooks.shown_tracks().filter((track) => {
          const [x, y] = hooks.map.getCoordinateFromPixel(hooks.pixel_of_track(track.id));
          return x < extent[0] - grow || x > extent[2] + grow || y < extent[1] - grow || y > extent[3] + grow;
        }).length;
      });
      report.check('after zooming in, only tracks in and near the view are shown', stray === 0, `${stray} tracks far outside the view (around track ${inside})`);
      await page.evaluate(() => window.straitwatch.home());
      await page.waitForTimeout(2000);
    });

    let clicked = null;
    await report.step('click a track and see its details', async () => {
      const target = await clickable_track(page, 'dark');
      if (!report.check('a track stands clear to be clicked', target !== null)) return;
      await click_track(page, target.id);
      const panel = page.getByTestId('track-details');
      await panel.waitFor({ state: 'visible', timeout: 10000 });
      const id = Number(await panel.getAttribute('data-track-id'));
      report.check('the details panel opens on the clicked track', id === target.id, `clicked ${target.id}, panel shows ${id}`);
      clicked = id;
      const answer = await server.request(watch.token, 'GET', `api/tracks/${id}`);
      if (!report.check('the REST API knows the track', answer.status === 200, `status ${answer.status}`)) return;
      const track = answer.body;
      const field = async (name) => (await panel.locator(`[data-field="${name}"]`).textContent()).trim();
      report.check('details: id', (await field('id')) === `#${id}`);
      report.check('details: class', (await field('class')).length > 0 && (await field('class')) !== '—');
      report.check('details: sources', (await field('sources')) === ((track.sources || []).join(', ') || '—'), await field('sources'));
      report.check('details: MMSI', track.mmsi ? (await field('mmsi')) === String(track.mmsi) : (await field('mmsi')) === '—');
      report.check('details: speed, course and sigma', /kn/.test(await field('speed')) && /°/.test(await field('course')) && /m/.test(await field('sigma')));
      report.check('details: label owner', (await field('label_owner')) === (track.label?.owner || '—'), `${await field('label_owner')} vs ${track.label?.owner}`);
      const history = page.getByTestId('track-history');
      const state = await wait_for(async () => {
        const value = await history.getAttribute('data-state');
        return value === 'loaded' || value === 'error' ? value : null;
      }, 20000);
      report.check('details: stored history loaded', state === 'loaded', `history state ${state}: ${await history.textContent()}`);
      await shot(page, artefacts, '02_track_details');
    });

    await report.step('search area for the track', async () => {
      if (clicked === null) return report.skip('search area', 'no track was opened');
      await page.getByTestId('track-search').click();
      const job = page.locator('[data-testid^="search-job-"]').first();
      await job.waitFor({ state: 'visible', timeout: 20000 });
      const job_id = Number(await job.getAttribute('data-job-id'));
      const state = await wait_for(async () => {
        const value = await job.getAttribute('data-state');
        return value === 'done' || value === 'failed' ? value : null;
      }, 180000, 500);
      report.check('the search job finishes', state === 'done', `state ${state}: ${await job.textContent()}`);
      const polygons = await page.evaluate(() => window.straitwatch.search_feature_count());
      report.check('search polygons are drawn', polygons > 0, `${polygons} polygons`);
      const levels = await job.locator('.search-areas li').evaluateAll((items) => items.map((item) => `${item.dataset.hours}:${item.dataset.level}`));
      report.check('50 % and 90 % areas are labelled', levels.some((l) => l.endsWith(':0.5')) && levels.some((l) => l.endsWith(':0.9')), levels.join(' '));
      const answer = await server.request(watch.token, 'GET', `api/search-areas/${job_id}`);
      report.check('the server has the search area', answer.status === 200 && (answer.body.features || []).length === polygons, `status ${answer.status}, ${(answer.body.features || []).length} features vs ${polygons} drawn`);
      await shot(page, artefacts, '03_search_area');
    });

    await report.step('acknowledge and hand over an alert', async () => {
      const open = page.locator('li.alert[data-state="open"]');
      const found = await wait_for(async () => (await open.count()) > 0, kAlertTimeoutMs, 1000);
      if (!report.check('an open alert arrives on the stream', found, `none within ${kAlertTimeoutMs / 1000} s`)) {
        await shot(page, artefacts, '04_no_alert');
        return;
      }
      let acknowledged = null;
      for (let attempt = 0; attempt < 3 && acknowledged === null; ++attempt) {
        const item = open.first();
        const id = Number(await item.getAttribute('data-alert-id'));
        await item.locator('.alert-body').click();
        await page.getByTestId(`alert-ack-${id}`).click();
        const moved = await wait_for(async () => {
          const state = await page.getByTestId(`alert-${id}`).getAttribute('data-state').catch(() => null);
          return state && state !== 'open' ? state : null;
        }, 20000);
        if (moved) acknowledged = id;
      }
      if (!report.check('the alert leaves the open state in the list', acknowledged !== null)) return;
      const alert = await server.get(watch.token, `api/alerts/${acknowledged}`);
      const ack = (alert.history || []).find((change) => change.change === 'acknowledged');
      report.check('the server has the acknowledgement', ack !== undefined && String(ack.actor).includes('uk-watch'), JSON.stringify(alert.history));
      report.check('the server state changed', alert.state !== 'open', alert.state);
      await shot(page, artefacts, '04_alert_acknowledged');

      const current = await server.get(watch.token, `api/alerts/${acknowledged}`);
      if (current.state === 'closed') return report.skip('hand over', 'the alert closed by itself');
      await page.getByTestId(`alert-handover-${acknowledged}`).click();
      const input = page.getByTestId('action-dialog-input');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      const proposed = await input.inputValue();
      report.check('hand-over proposes a centre the alert is addressed to', (current.addressed_to || []).includes(proposed), `${proposed} not in ${JSON.stringify(current.addressed_to)}`);
      await page.getByTestId('action-dialog-ok').click();
      const handed = await wait_for(async () => {
        const answer = await server.get(watch.token, `api/alerts/${acknowledged}`);
        return (answer.history || []).find((change) => change.change === 'handed_over') || null;
      }, 20000, 500);
      report.check('the server has the hand-over to the chosen centre', handed !== null && String(handed.note).includes(proposed), JSON.stringify(handed));
    });

    await report.step('replay the past', async () => {
      const live = await page.evaluate(() => window.straitwatch.picture.time_ms);
      await page.evaluate(() => {
        const slider = document.getElementById('replay-slider');
        slider.value = '-120';
        slider.dispatchEvent(new Event('input', { bubbles: true }));
      });
      const replay = page.getByTestId('replay');
      const count = await wait_for(async () => {
        const loading = await replay.getAttribute('data-loading');
        const value = await replay.getAttribute('data-count');
        return loading === 'false' && value !== null ? Number(value) + 1 : null;
      }, 20000);
      report.check('the slider switches to replay', (await replay.getAttribute('data-mode')) === 'replay');
      report.check('replay shows stored tracks', count !== null && count - 1 > 0, `count ${count === null ? 'none' : count - 1}`);
      const times = await page.evaluate(() => window.straitwatch.tracks_layer.tracks().map((t) => t.time?.ns / 1e6 || Date.parse(t.time?.utc)));
      const newest = Math.max(...times);
      report.check('replayed positions are from the past', Number.isFinite(newest) && newest <= live - 60000, `newest ${new Date(newest).toISOString()} vs live ${new Date(live).toISOString()}`);
      await shot(page, artefacts, '05_replay');
      await page.getByTestId('replay-live').click();
      report.check('"Live" returns to the live picture', (await replay.getAttribute('data-mode')) === 'live');
    });

    await report.step('critical alerts flash and beep', async () => {
      // The scenario's stopped boat calls for help 20 min into the hour: a critical distress alert.
      const critical = await wait_for(
        () => page.evaluate(() => [...window.straitwatch.picture.alerts.values()].some((alert) => alert.severity === 'critical')),
        kCriticalTimeoutMs,
        1000,
      );
      if (!report.check('a critical alert arrives (drifting or distress in this scenario)', critical, `none within ${kCriticalTimeoutMs / 1000} s`)) return;
      await shot(page, artefacts, '06_critical');
      const alarms = await page.evaluate(() => ({ banners: window.straitwatch.critical_alarms(), beeps: window.straitwatch.beeps() }));
      report.check('a critical alert raised the banner and the beep', alarms.banners > 0 && alarms.beeps > 0, JSON.stringify(alarms));
    });

    let distress_id = null;
    await report.step('a distress call reaches the operator', async () => {
      // The stopped boat calls 5 minutes after stopping (04:20 in scenario time).
      distress_id = await wait_for(
        () => page.evaluate(() => [...window.straitwatch.picture.alerts.values()].find((alert) => alert.kind === 'distress')?.id ?? null),
        kCriticalTimeoutMs,
        1000,
      );
      if (!report.check('a distress alert arrives on the stream', distress_id !== null, `none within ${kCriticalTimeoutMs / 1000} s`)) return;
      const alert = await server.get(admin.token, `api/alerts/${distress_id}`);
      report.check('the distress alert is labelled as personal data (its source is)', alert.label?.personal_data === true, JSON.stringify(alert.label));
    });

    await report.step('what other principals may not see is absent', async () => {
      const everything = await server.get(admin.token, 'api/tracks');
      const all_alerts = (await server.get(admin.token, 'api/alerts?state=all')).alerts || [];
      for (const name of ['be-liaison', 'fr-analyst']) {
        const who = principal(name);
        const other = await open_map(browser, server, who, { via_login_box: name === 'be-liaison' });
        await wait_for(async () => (await other.getByTestId('stream-state').getAttribute('data-state')) === 'open', 20000);
        await other.waitForTimeout(3000);
        const hidden_tracks = new Set((everything.tracks || []).filter((track) => !may_release(track.label, who)).map((track) => track.id));
        const hidden_alerts = new Set(all_alerts.filter((alert) => !may_release(alert.label, who)).map((alert) => alert.id));
        const shown = await shown_tracks(other);
        const shown_alerts = await other.locator('li.alert').evaluateAll((items) => items.map((item) => Number(item.dataset.alertId)));
        const rest_tracks = ((await server.get(who.token, 'api/tracks')).tracks || []).map((track) => track.id);
        const leaked = shown.filter((track) => hidden_tracks.has(track.id)).map((track) => track.id);
        const leaked_rest = rest_tracks.filter((id) => hidden_tracks.has(id));
        const leaked_alerts = shown_alerts.filter((id) => hidden_alerts.has(id));
        if (hidden_tracks.size === 0 && hidden_alerts.size === 0) {
          report.skip(`${name}: labels withheld`, 'no item in this run is withheld from this principal');
        } else {
          report.check(`${name}: withheld tracks are absent from the map (${hidden_tracks.size} withheld)`, leaked.length === 0, `shown: ${leaked.join(',')}`);
          report.check(`${name}: withheld tracks are absent from GET /api/tracks`, leaked_rest.length === 0, `answered: ${leaked_rest.join(',')}`);
          report.check(`${name}: withheld alerts are absent (${hidden_alerts.size} withheld)`, leaked_alerts.length === 0, `shown: ${leaked_alerts.join(',')}`);
        }
        if (hidden_tracks.size > 0) {
          const hidden_id = [...hidden_tracks][0];
          const answer = await server.request(who.token, 'GET', `api/tracks/${hidden_id}`);
          report.check(`${name}: a withheld track answers 404 as if it did not exist`, answer.status === 404, `status ${answer.status}`);
        }
        if (name === 'be-liaison') {
          report.check('be-liaison: a nation no source releases to is withheld tracks', hidden_tracks.size > 0, 'every track is releasable to BE: the check could not fail');
          const text = await other.getByTestId('principal').textContent();
          report.check('be-liaison: logged in through the login box', text.includes('be-liaison'), text);
        }
        if (name === 'fr-analyst' && distress_id !== null) {
          report.check('fr-analyst: the personal-data distress alert is absent', !shown_alerts.includes(distress_id), `alert ${distress_id} shown`);
          const answer = await server.request(who.token, 'GET', `api/alerts/${distress_id}`);
          report.check('fr-analyst: GET /api/alerts/{distress} answers 404', answer.status === 404, `status ${answer.status}`);
        }
        if (name === 'fr-analyst') {
          const buttons = await other.locator('li.alert button[data-testid^="alert-ack-"]').evaluateAll((items) => items.map((b) => b.disabled));
          report.check('fr-analyst: alert actions are disabled for an analyst', buttons.every(Boolean), JSON.stringify(buttons));
          const visible_alert = all_alerts.find((alert) => may_release(alert.label, who) && alert.state !== 'closed');
          if (visible_alert) {
            const refused = await server.request(who.token, 'POST', `api/alerts/${visible_alert.id}/acknowledge`, {});
            report.check('fr-analyst: the server refuses the analyst an acknowledgement (403)', refused.status === 403, `status ${refused.status}`);
          }
        }
        await shot(other, artefacts, `07_${name}`);
        report.check(`${name}: no uncaught errors in the page`, other.errors.length === 0, other.errors.join(' | '));
        await other.close();
      }
    });

    report.check('uk-watch: no uncaught errors in the page', page.errors.length === 0, page.errors.join(' | '));
    report.check('the server kept running', server.exited === null, JSON.stringify(server.exited));
  } catch (error) {
    report.check('test ran to the end', false, error?.stack || String(error));
  } finally {
    if (browser) await browser.close().catch(() => {});
    const stopped = await server.stop();
    console.log(`# server stopped: ${JSON.stringify(stopped)}`);
    fs.rmSync(work_dir, { recursive: true, force: true });
  }
  return finish(report);
}

function finish(report) {
  console.log(report.summary());
  return report.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
