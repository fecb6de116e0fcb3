// Live progress for the overview and the run page, from the server-sent events of /events:
// every second, the runs in flight as the API shows them. The page reads fine without this.
(function () {
  'use strict';
  if (!window.EventSource) { return; }
  var onRunPage = document.getElementById('run');
  var shown = {};
  if (!onRunPage) {
    document.querySelectorAll('.progress[data-run]').forEach(function (el) { shown[el.dataset.run] = true; });
  }

  function text(root, cls, value) {
    var el = root.querySelector('.' + cls);
    if (el) { el.textContent = value; }
  }
  function number(n) { return Number(n).toLocaleString('en'); }

  // A field the source guard may add to a run: held/paused and why. Shown only when present.
  function held(run) {
    var why = run.heldReason || run.holdReason || run.pausedReason || run.reason;
    var on = run.held === true || run.paused === true || typeof run.held === 'string' || typeof run.paused === 'string';
    if (!on) { return ''; }
    var what = run.paused ? 'paused' : 'held';
    var detail = typeof run.held === 'string' ? run.held : typeof run.paused === 'string' ? run.paused : why;
    return detail ? what + ': ' + detail : what;
  }

  function update(el, run) {
    var bar = el.querySelector('progress');
    if (bar) { bar.max = Math.max(1, run.batchesTotal); bar.value = run.batchesDone; }
    text(el, 'done', run.batchesDone);
    text(el, 'total', run.batchesTotal);
    text(el, 'rows', number(run.rows));
    text(el, 'rate', number(run.rowsPerSecond) + ' rows/s');
    text(el, 'status', run.status.toLowerCase());
    if (run.startedAt && run.batchesDone > 0 && run.batchesDone < run.batchesTotal) {
      var spent = (Date.now() - Date.parse(run.startedAt)) / 1000;
      var left = Math.max(0, Math.round(spent / run.batchesDone * (run.batchesTotal - run.batchesDone)));
      text(el, 'eta', left < 60 ? left + ' s' : Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0'));
    }
    var h = el.querySelector('.held');
    if (h) { var why = held(run); h.textContent = why; h.hidden = !why; }
  }

  function updateBatches(run) {
    (run.batches || []).forEach(function (b) {
      var cell = document.querySelector('.batch[data-batch="' + b.number + '"]');
      if (!cell) { return; }
      var phase = b.phase === 'DONE' && b.attempts > 1 ? 'retried' : b.phase.toLowerCase();
      cell.className = 'batch ' + phase;
      text(cell, 'phase', phase);
      text(cell, 'brows', number(b.rows));
      if (b.millis) { text(cell, 'btime', (b.millis / 1000).toFixed(1) + ' s'); }
    });
  }

  var source = new EventSource('/events');
  // A page left for another stays in the browser's back-forward cache with its stream open, and
  // a browser opens at most six HTTP/1.1 connections to a server: a few pages visited, and the
  // next one stalls until a cached page's stream times out (a minute in Chromium). So the stream
  // closes when the page is left, and a page shown again from that cache loads again: what it
  // showed is old by then.
  window.addEventListener('pagehide', function () { source.close(); });
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) { window.location.reload(); }
  });
  source.onmessage = function (event) {
    var active = JSON.parse(event.data);
    var now = {};
    active.forEach(function (run) {
      now[run.id] = true;
      var el = document.querySelector('.progress[data-run="' + run.id + '"]');
      if (el) { update(el, run); }
      if (onRunPage && onRunPage.dataset.run === run.id) {
        updateBatches(run);
        var status = document.getElementById('status');
        if (status) { status.textContent = run.status; }
      }
      // A run this page does not show yet (the overview): draw it by loading the page again.
      if (!el && !onRunPage && !shown[run.id] && document.querySelector('.type[data-type="' + run.type + '"]')) {
        shown[run.id] = true;
        source.close();
        window.location.reload();
      }
    });
    // A run shown as going has ended: load the page again for its outcome and files.
    var ended = !onRunPage && Object.keys(shown).some(function (id) {
      return !now[id] && document.querySelector('.progress[data-run="' + id + '"]');
    });
    var thisRunEnded = onRunPage && /QUEUED|RUNNING/.test(onRunPage.dataset.status) && !now[onRunPage.dataset.run];
    if (ended || thisRunEnded) {
      source.close();
      window.location.reload();
    }
  };
}());
