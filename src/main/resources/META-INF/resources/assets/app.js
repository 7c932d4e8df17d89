// The Counterpower web page: reads the public API. The front page ranks every project with its stage, risk and
// the evidence they rest on, and lists recent license changes with their sources; a project's page shows one.
// Every text from the API goes through textContent (never parsed as markup), and links are
// made only from http(s) URLs, so a hostile name or source cannot run script here.
'use strict';

const CHARTS = ['capture_risk', 'top_org_share', 'corporate_share', 'org_hhi', 'top_org_seat_share',
  'license_restrictiveness', 'top_funder_share'];
const MAX_PROJECT_PAGES = 50;

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function unknownText(value, render) {
  if (value === null || value === undefined) {
    return el('span', 'unknown', 'unknown');
  }
  return document.createTextNode(render ? render(value) : String(value));
}

/** A link for an http(s) URL or a path of this service; any other scheme is shown as text. */
function link(url, text, missing) {
  if (!url) {
    return el('span', missing || 'no source', 'unknown');
  }
  let parsed;
  try {
    parsed = new URL(url, window.location.origin);
  } catch (e) {
    return el('span', url);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return el('span', url);
  }
  const a = el('a', text || (parsed.origin === window.location.origin ? parsed.pathname + parsed.search : parsed.host));
  a.href = parsed.href;
  a.rel = 'noopener noreferrer';
  return a;
}

function sourceCell(source) {
  const td = el('td');
  if (!source) {
    td.appendChild(el('span', 'no source', 'unknown'));
    return td;
  }
  td.appendChild(link(source.url));
  td.appendChild(el('span', ' (' + [source.kind, source.confidence].filter(Boolean).join(', ') + ')'));
  return td;
}

function row(cells) {
  const tr = el('tr');
  for (const c of cells) {
    if (c instanceof Node && c.nodeName === 'TD') {
      tr.appendChild(c);
    } else {
      const td = el('td');
      td.appendChild(c instanceof Node ? c : unknownText(c));
      tr.appendChild(td);
    }
  }
  return tr;
}

function fill(tableId, rows, emptyText) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren();
  if (rows.length === 0) {
    const tr = el('tr');
    const td = el('td', emptyText, 'unknown');
    td.colSpan = document.querySelectorAll('#' + tableId + ' thead th').length;
    tr.appendChild(td);
    body.appendChild(tr);
    return;
  }
  rows.forEach(r => body.appendChild(r));
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = response.status + ' ' + response.statusText;
    try {
      detail = (await response.json()).detail || detail;
    } catch (e) {
      // not problem+json: keep the status line
    }
    throw new Error(path + ': ' + detail);
  }
  return response.json();
}

/** Every item of a paged list (at most `pages` pages of 200). */
async function all(path, pages) {
  const items = [];
  for (let page = 0; page < (pages || 5); page++) {
    const separator = path.includes('?') ? '&' : '?';
    const result = await getJson(path + separator + 'size=200&page=' + page);
    items.push(...result.items);
    if (items.length >= result.totalItems || result.items.length === 0) {
      break;
    }
  }
  return items;
}

function status(text, isError) {
  const node = document.getElementById('status');
  node.textContent = text;
  node.className = isError ? 'error' : '';
}

/** "6/20 signals" from an evidence object ({present, defined}), or null when there is none. */
function signalsText(evidence) {
  if (!evidence) {
    return null;
  }
  return evidence.present + '/' + evidence.defined + ' signals';
}

/** The evidence of an assessment summed over its families (version 2), as the ranking and the badge count it. */
function assessmentEvidence(a) {
  if (!a.evidenceCounts) {
    return null;
  }
  const e = { present: 0, defined: 0, families: a.evidenceCounts };
  for (const f of Object.values(a.evidenceCounts)) {
    e.present += f.present;
    e.defined += f.defined;
  }
  return e;
}

function projectLink(slug, text) {
  const a = el('a', text);
  a.href = '#project=' + encodeURIComponent(slug);
  return a;
}

function riskCell(value, reason) {
  const td = el('td', null, 'number');
  if (value === null || value === undefined) {
    td.appendChild(el('span', 'unknown' + (reason ? ' (' + reason + ')' : ''), 'unknown'));
  } else {
    td.textContent = String(value);
  }
  return td;
}

function showRanking(ranking) {
  fill('ranking', ranking.items.map(r => {
    const stage = el('td', r.stage, r.stage === 'undetermined' ? 'unknown' : null);
    const risk = r.captureRisk ? r.captureRisk.value : null;
    const evidence = el('td', signalsText(r.evidence) || 'unknown', r.evidence ? null : 'unknown');
    if (r.evidence && r.evidence.families) {
      evidence.title = Object.entries(r.evidence.families).map(([f, c]) => f + ' ' + c.present + '/' + c.defined).join(', ');
    }
    return row([String(r.rank), projectLink(r.project, r.name), stage,
      riskCell(risk, risk === null ? 'insufficient evidence' : null), evidence,
      r.stageConfidence === null ? null : Number(r.stageConfidence).toFixed(2)]);
  }), 'No project recorded');
  const note = document.getElementById('ranking-note');
  note.textContent = ranking.items.length + ' of ' + ranking.totalItems + ' projects, highest risk first (unknown last), on '
    + ranking.at + ' · methodology v' + ranking.methodologyVersion + ' · data version '
    + (ranking.dataVersion === null ? 'unknown' : ranking.dataVersion) + ' · ';
  note.appendChild(link('/api/v1/risk', 'the ranking as data'));
}

function showRecentChanges(changes, names) {
  const recent = changes.filter(c => c.direction !== 'none')
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).slice(0, 12);
  fill('recent-changes', recent.map(c => row([c.date, projectLink(c.project, names.get(c.project) || c.project),
    c.fromExpression, c.toExpression, el('span', c.direction, c.direction), sourceCell(c.source)])),
  'No license change recorded');
}

async function loadFront(names) {
  try {
    const [changes] = await Promise.all([all('/api/v1/license-changes')]);
    showRecentChanges(changes, names);
  } catch (e) {
    status('Could not load the license changes: ' + e.message, true);
  }
  const response = await fetch('/api/v1/risk?size=200', { headers: { Accept: 'application/json' } });
  if (response.status === 503) {
    // The stored ranking is computed for the first time: say so, and ask again shortly.
    document.getElementById('ranking-note').textContent = 'The ranking is being computed for the first time; it appears here shortly.';
    setTimeout(() => loadFront(names), 5000);
    return;
  }
  if (!response.ok) {
    status('Could not load the ranking: ' + response.status, true);
    return;
  }
  const first = await response.json();
  if (first.items.length < first.totalItems) {
    // Every project, at most 1000: the stored ranking pages by 200.
    first.items = await all('/api/v1/risk', 5);
  }
  showRanking(first);
}

function daysAgo(years) {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

async function loadProjects() {
  const select = document.getElementById('project');
  const projects = await all('/api/v1/projects?sort=name', MAX_PROJECT_PAGES);
  select.replaceChildren(el('option', 'Choose a project…'));
  select.firstChild.value = '';
  for (const p of projects) {
    const option = el('option', p.name + ' (' + p.slug + ')');
    option.value = p.slug;
    select.appendChild(option);
  }
  select.disabled = false;
  status(projects.length + ' projects');
  known = new Set(projects.map(p => p.slug));
  await route();
  await loadFront(new Map(projects.map(p => [p.slug, p.name])));
}

let known = new Set();

/** The page the address names: a project's (#project=slug) or the front page. */
async function route() {
  const wanted = new URLSearchParams(window.location.hash.slice(1)).get('project');
  const select = document.getElementById('project');
  if (wanted && known.has(wanted)) {
    if (select.value !== wanted) {
      select.value = wanted;
    }
    await show(wanted);
  } else {
    select.value = '';
    await show('');
  }
}

function showOverview(project) {
  document.getElementById('project-name').textContent = project.name;
  const facts = document.getElementById('project-facts');
  facts.replaceChildren();
  facts.appendChild(document.createTextNode([project.kind, 'origin: ' + (project.origin || 'unknown'),
    'steward: ' + (project.steward || 'unknown')].join(' · ') + ' · '));
  facts.appendChild(link(project.homepage, 'homepage', 'no homepage'));
  facts.appendChild(document.createTextNode(' · source: '));
  facts.appendChild(link(project.source && project.source.url));
  if (project.description) {
    facts.appendChild(el('br'));
    facts.appendChild(document.createTextNode(project.description));
  }
}

function showAssessment(slug, a) {
  const badge = document.getElementById('badge');
  badge.src = '/api/v1/projects/' + encodeURIComponent(slug) + '/badge.svg';
  badge.alt = 'Badge: stage ' + a.stage + ', capture risk ' + (a.captureRisk === null ? 'unknown' : a.captureRisk)
    + (assessmentEvidence(a) ? ', ' + signalsText(assessmentEvidence(a)) : '');
  document.getElementById('stage').textContent = a.stage;
  document.getElementById('stage-confidence').replaceChildren(unknownText(a.stageConfidence));
  document.getElementById('capture-risk').replaceChildren(a.captureRisk === null && a.captureRiskReason
    ? el('span', 'unknown (' + a.captureRiskReason + ')', 'unknown') : unknownText(a.captureRisk));
  const summed = assessmentEvidence(a);
  const counts = document.getElementById('evidence-counts');
  counts.replaceChildren(summed ? document.createTextNode(signalsText(summed) + ' ('
    + Object.entries(summed.families).map(([f, c]) => f + ' ' + c.present + '/' + c.defined).join(', ') + ')')
    : el('span', 'not counted by methodology v' + a.methodologyVersion, 'unknown'));
  document.getElementById('trend').replaceChildren(unknownText(a.trend, t => (t > 0 ? '+' : '') + t));
  document.getElementById('assessed-at').textContent = a.at + ' (window ' + a.window + ')';
  document.getElementById('versions').textContent = 'methodology v' + a.methodologyVersion + ' · data version '
    + (a.dataVersion === null ? 'unknown' : a.dataVersion);
  const rows = Object.keys(a.scores).map(stage => row([stage, a.scores[stage],
    a.gates[stage] ? a.gates[stage].status : '(no gate)']));
  fill('scores', rows, 'No scores');
  const evidence = document.getElementById('evidence');
  evidence.replaceChildren();
  for (const e of a.evidence) {
    const li = el('li', e.description + ': ');
    li.appendChild(link(e.href));
    evidence.appendChild(li);
  }
  if (a.evidence.length === 0) {
    evidence.appendChild(el('li', 'No evidence links for this assessment', 'unknown'));
  }
}

function showCharts(slug, name) {
  const list = document.getElementById('chart-list');
  list.replaceChildren();
  const from = daysAgo(5);
  for (const indicator of CHARTS) {
    const img = el('img', null, 'chart');
    img.src = '/api/v1/projects/' + encodeURIComponent(slug) + '/charts/' + indicator + '.svg?step=quarter&from=' + from;
    img.alt = 'Chart of ' + indicator + ' for ' + name;
    img.width = 800;
    img.height = 420;
    img.loading = 'lazy';
    list.appendChild(img);
  }
}

function showLicenses(periods, changes) {
  fill('license-periods', periods.map(p => row([p.date, p.artifact, p.expression,
    p.restrictiveness.level === null ? null : p.restrictiveness.level + ' (' + p.restrictiveness.category + ')',
    p.changeKind, sourceCell(p.source)])), 'No license recorded');
  fill('license-changes', changes.map(c => {
    const direction = el('span', c.direction, c.direction);
    return row([c.date, c.artifact, c.fromExpression, c.toExpression, direction, sourceCell(c.source)]);
  }), 'No license change recorded');
}

function showGovernance(bodies, seats, events) {
  const names = new Map(bodies.map(b => [b.id, b.name]));
  fill('governance-bodies', bodies.map(b => row([b.name, b.kind, sourceCell(b.source)])), 'No governance body recorded');
  fill('governance-seats', seats.map(s => row([names.get(s.body) || s.bodyKind,
    s.holderOrganisation || (s.holderContributor === null ? null
      : link('/api/v1/contributors/' + encodeURIComponent(s.holderContributor), 'contributor ' + s.holderContributor)),
    s.role, s.from, s.to, sourceCell(s.source)])), 'No seat recorded');
  fill('governance-events', events.map(e => row([e.date, e.kind, e.fromOrganisation, e.toOrganisation, e.note,
    sourceCell(e.source)])), 'No governance event recorded');
}

function showFunding(events) {
  fill('funding-events', events.map(f => row([f.date, f.funder, f.type,
    f.amount === null ? null : f.amount + ' ' + f.currency + (f.amountScope === 'round' ? ' (whole round)' : ''),
    f.amountUsd, sourceCell(f.source)])), 'No funding recorded');
}

async function show(slug) {
  if (!slug) {
    document.getElementById('content').hidden = true;
    document.getElementById('front').hidden = false;
    return;
  }
  document.getElementById('front').hidden = true;
  if (window.location.hash !== '#project=' + encodeURIComponent(slug)) {
    window.location.hash = 'project=' + encodeURIComponent(slug);
  }
  status('Loading ' + slug + '…');
  const p = encodeURIComponent(slug);
  try {
    const [project, assessment, periods, changes, bodies, seats, events, funding] = await Promise.all([
      getJson('/api/v1/projects/' + p),
      getJson('/api/v1/projects/' + p + '/assessment'),
      all('/api/v1/license-periods?project=' + p),
      all('/api/v1/license-changes?project=' + p),
      all('/api/v1/governance-bodies?project=' + p),
      all('/api/v1/governance-seats?project=' + p),
      all('/api/v1/governance-events?project=' + p),
      all('/api/v1/funding-events?project=' + p)]);
    showOverview(project);
    showAssessment(slug, assessment);
    showCharts(slug, project.name);
    showLicenses(periods, changes);
    showGovernance(bodies, seats, events);
    showFunding(funding);
    document.getElementById('content').hidden = false;
    status('');
  } catch (e) {
    status('Could not load ' + slug + ': ' + e.message, true);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('project').addEventListener('change', event => {
    window.location.hash = event.target.value ? 'project=' + encodeURIComponent(event.target.value) : '';
  });
  window.addEventListener('hashchange', () => route());
  loadProjects().catch(e => status('Could not load the projects: ' + e.message, true));
});
