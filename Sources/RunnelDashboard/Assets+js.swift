extension Assets {
    /// The script: the local/UTC time toggle, select-all for bulk forms, and the live run
    /// page (EventSource on the run's events, colour changes, log lines, fragment swaps).
    /// Every page works without it.
    static let js = #"""
(function () {
  'use strict';
  var TZ = 'runnel.tz';
  function utc() { try { return localStorage.getItem(TZ) !== 'local'; } catch (e) { return true; } }
  function times(root) {
    var inUTC = utc();
    root.querySelectorAll('time[datetime]').forEach(function (el) {
      if (!el.dataset.utc) el.dataset.utc = el.textContent;
      var d = new Date(el.getAttribute('datetime'));
      el.textContent = inUTC || isNaN(d) ? el.dataset.utc : d.toLocaleString();
    });
    var b = document.getElementById('tz-toggle');
    if (b) { b.hidden = false; b.textContent = inUTC ? 'Times: UTC' : 'Times: local'; }
  }
  var STEP = { step_started: 'running', step_retrying: 'running', step_completed: 'completed', step_failed: 'failed',
               step_skipped: 'skipped', step_cancelled: 'cancelled' };
  var RUN = { run_started: 'running', run_resumed: 'running', run_awaiting_approval: 'awaiting_approval', run_paused: 'paused',
              run_completed: 'completed', run_failed: 'failed', run_cancelled: 'cancelled', run_skipped: 'skipped' };
  function mark(selector, status) {
    document.querySelectorAll(selector).forEach(function (el) { el.setAttribute('data-status', status); if (el.classList.contains('status')) el.textContent = status; });
  }
  function follow(box) {
    var run = box.getAttribute('data-live-run');
    var source = new EventSource('/dashboard/runs/' + encodeURIComponent(run) + '/events');
    var timer = null;
    function swap() {
      if (timer) return;
      timer = setTimeout(function () {
        timer = null;
        fetch(location.pathname + '?fragment=live', { credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) { if (html !== null) { box.innerHTML = html; times(box); } });
      }, 60);
    }
    function handle(kind, event) {
      var data = {};
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (STEP[kind] && data.step_id) mark('[data-step="' + CSS.escape(data.step_id) + '"]', STEP[kind]);
      if (RUN[kind]) mark('[data-run-status]', RUN[kind]);
      if (kind === 'step_log' && data.step_id && data.data) {
        var log = box.querySelector('pre[data-log="' + CSS.escape(data.step_id) + '"]');
        var seq = data.data.seq || 0;
        if (log && seq > Number(log.getAttribute('data-seq') || 0)) {
          var line = document.createElement('span');
          if (data.data.stream === 'stderr') line.className = 'stderr';
          line.textContent = data.data.text + '\n';
          log.appendChild(line);
          log.setAttribute('data-seq', String(seq));
          log.scrollTop = log.scrollHeight;
        } else if (!log) { swap(); }
        return;
      }
      swap();
      if (RUN[kind] && ['completed', 'failed', 'cancelled', 'skipped'].indexOf(RUN[kind]) >= 0) source.close();
    }
    Object.keys(STEP).concat(Object.keys(RUN), ['step_log', 'approval_decided', 'approval_recorded']).forEach(function (kind) {
      source.addEventListener(kind, function (e) { handle(kind, e); });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    times(document);
    var b = document.getElementById('tz-toggle');
    if (b) b.addEventListener('click', function () {
      try { localStorage.setItem(TZ, utc() ? 'local' : 'utc'); } catch (e) {}
      times(document);
    });
    var all = document.getElementById('select-all');
    if (all) all.addEventListener('change', function () {
      document.querySelectorAll('input[name=run]').forEach(function (c) { c.checked = all.checked; });
    });
    var live = document.querySelector('[data-live-run]');
    if (live) follow(live);
  });
})();
"""#
}
