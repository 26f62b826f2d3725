// Search areas requested by the operator: POST /api/search-areas for a track or an alert,
// a progress bar polling GET /api/search-areas/{id} until the job is done, then the 1 h,
// 3 h and 6 h 50 % and 90 % polygons drawn on the map with their sizes listed here.
import { api, api_get } from '../api.js';
import { by_id, el } from '../dom.js';
import { distance_text, number_text } from '../time_format.js';
import { search_area_label } from '../map/search_layer.js';

const kPollMs = 600;
const kGiveUpMs = 10 * 60 * 1000;

/// Job state of a GET /api/search-areas/{id} answer (or a stream entry).
function job_of(answer) {
  const job = answer?.job || answer || {};
  return { state: job.state || 'queued', progress: typeof job.progress === 'number' ? job.progress : 0, error: job.error || '' };
}

/// The list of search jobs and their drawing on the map.
export class SearchPanel {
  /// `actions`: {fit(extent)}.
  constructor(picture, search_layer, actions) {
    this.layer = search_layer;
    this.actions = actions;
    this.list = by_id('search-list');
    this.jobs = new Map();
    picture.addEventListener('searches', (event) => {
      for (const entry of event.detail.jobs) {
        const job = this.jobs.get(entry.id);
        const status = job_of(entry);
        // 'done' is shown once the polygons are drawn, by the poll.
        if (job && job.state !== 'done' && status.state !== 'done' && status.state !== 'failed') this.#show_progress(job, status);
      }
    });
  }

  /// Requests a search area: `subject` is {track: id} or {alert: id}; `title` names it.
  async request(subject, title) {
    let answer;
    try {
      answer = await api('api/search-areas', { method: 'POST', body: subject });
    } catch (error) {
      throw new Error(`search area refused: ${error.message}`);
    }
    const id = answer?.id;
    if (id === undefined) throw new Error('search area: the server answered without a job id');
    const job = { id, title, state: answer.state || 'queued', started: Date.now(), element: null };
    this.jobs.set(id, job);
    job.element = this.#element(job);
    this.list.prepend(job.element);
    this.#show_progress(job, job_of(answer));
    this.#poll(job);
    return id;
  }

  #element(job) {
    return el(
      'li',
      { class: 'search-job', 'data-testid': `search-job-${job.id}`, 'data-job-id': job.id, 'data-state': job.state },
      el('div', { class: 'search-head' }, el('strong', {}, `Search #${job.id}`), ` ${job.title}`),
      el('progress', { max: 1, value: 0, 'data-testid': `search-progress-${job.id}` }),
      el('div', { class: 'search-state', 'data-testid': `search-state-${job.id}` }, job.state),
      el('ul', { class: 'search-areas' }),
      el(
        'div',
        { class: 'search-buttons' },
        el('button', { type: 'button', 'data-testid': `search-zoom-${job.id}`, onclick: () => this.#fit(job) }, 'Zoom to'),
        el('button', { type: 'button', 'data-testid': `search-remove-${job.id}`, onclick: () => this.#remove(job) }, 'Remove'),
      ),
    );
  }

  #show_progress(job, { state, progress, error }) {
    job.state = state;
    job.element.dataset.state = state;
    job.element.querySelector('progress').value = state === 'done' ? 1 : progress;
    job.element.querySelector('.search-state').textContent =
      state === 'failed' ? `failed: ${error || 'no reason given'}` : state === 'done' ? 'done' : `${state} ${Math.round(progress * 100)} %`;
  }

  async #poll(job) {
    while (this.jobs.has(job.id)) {
      let answer;
      try {
        answer = await api_get(`api/search-areas/${job.id}`);
      } catch (error) {
        if (error.status === 404 || Date.now() - job.started > kGiveUpMs) {
          this.#show_progress(job, { state: 'failed', progress: 0, error: error.message });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, kPollMs * 2));
        continue;
      }
      const status = job_of(answer);
      if (status.state === 'done') {
        this.#draw(job, answer);
        this.#show_progress(job, status);
        return;
      }
      this.#show_progress(job, status);
      if (status.state === 'failed') return;
      if (Date.now() - job.started > kGiveUpMs) {
        this.#show_progress(job, { state: 'failed', progress: status.progress, error: 'no result after 10 minutes' });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, kPollMs));
    }
  }

  #draw(job, collection) {
    const features = this.layer.show_collection(`job:${job.id}`, collection);
    job.element.dataset.polygons = String(features.length);
    const rows = (collection.features || [])
      .map((feature) => feature.properties || {})
      .sort((a, b) => a.hours - b.hours || a.level - b.level)
      .map((properties) =>
        el(
          'li',
          { 'data-hours': properties.hours, 'data-level': properties.level },
          `${search_area_label(properties)}: r50 ${distance_text(properties.r50_m)}, r90 ${distance_text(properties.r90_m)}, ${number_text(properties.area_km2, 1, 'km²')}`,
        ),
      );
    job.element.querySelector('.search-areas').replaceChildren(...rows);
    this.#fit(job);
  }

  #fit(job) {
    const extent = this.layer.extent(`job:${job.id}`);
    if (extent) this.actions.fit(extent);
  }

  #remove(job) {
    this.jobs.delete(job.id);
    this.layer.remove(`job:${job.id}`);
    job.element.remove();
  }
}
